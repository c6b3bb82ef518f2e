package main

import (
	"encoding/binary"
	"reflect"
	"testing"
)

func TestQueryRoundTrip(t *testing.T) {
	query, err := encodeQuery(0x1234, "web.example", dnsTypeA)
	if err != nil {
		t.Fatal(err)
	}
	// A response: the query with QR set, ANCOUNT 1, and one compressed A answer.
	response := append([]byte{}, query...)
	binary.BigEndian.PutUint16(response[2:4], 0x8180)
	binary.BigEndian.PutUint16(response[6:8], 1)
	response = append(response, 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 172, 20, 0, 4)
	rcode, answers, err := decodeResponse(0x1234, response)
	if err != nil || rcode != "NOERROR" || !reflect.DeepEqual(answers, []DNSAnswer{{Type: "A", Address: "172.20.0.4", TTL: 60}}) {
		t.Fatalf("rcode %s answers %+v err %v", rcode, answers, err)
	}
}

func TestDecodeRefusesGarbage(t *testing.T) {
	for _, message := range [][]byte{nil, {1, 2, 3}, make([]byte, 12)} {
		if _, _, err := decodeResponse(0x9999, message); err == nil {
			t.Errorf("accepted %v", message)
		}
	}
}

func TestResolvConf(t *testing.T) {
	conf := parseResolvConf("# docker\nnameserver 127.0.0.11\nsearch corp.test\noptions ndots:0 edns0\nnameserver not-an-ip\n")
	if !reflect.DeepEqual(conf, ResolvConf{Nameservers: []string{"127.0.0.11"}, Search: []string{"corp.test"}, Options: []string{"ndots:0", "edns0"}, Ndots: 0}) {
		t.Fatalf("%+v", conf)
	}
	if got := (ResolvConf{Search: []string{"corp.test"}, Ndots: 1}).candidates("web"); !reflect.DeepEqual(got, []string{"web.corp.test", "web"}) {
		t.Fatalf("candidates %v", got)
	}
}

func FuzzDecodeResponse(f *testing.F) {
	query, _ := encodeQuery(7, "a.b", dnsTypeA)
	f.Add(query)
	f.Fuzz(func(t *testing.T, message []byte) {
		decodeResponse(7, message)
	})
}
