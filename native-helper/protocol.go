// The helper's wire protocol: one JSON request per line on stdin, one JSON
// response per line on stdout, and pushed events. Requests are decoded
// strictly: unknown fields, wrong types, oversized lines and unknown methods
// are answered with an error and never stop the helper.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// MaxRequestBytes caps one request line. It must hold a request naming maxPids containers (about 100
// bytes each): at 64 KiB, a host past about 690 containers sent a snapshot the helper refused, without the
// request's id, so the backend waited out its timeout and drew the host with no kernel view at all.
const MaxRequestBytes = 1024 * 1024

// Request is a decoded, not yet validated, call.
type Request struct {
	ID     int64           `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
}

// Response carries either a result or an error for one request id.
type Response struct {
	ID     int64       `json:"id"`
	Result interface{} `json:"result,omitempty"`
	Error  *ErrorBody  `json:"error,omitempty"`
}

// Event is pushed without a request.
type Event struct {
	Event string      `json:"event"`
	Data  interface{} `json:"data"`
}

// ErrorBody is the error as the backend receives it: a code to act on, words for
// people, and, for some codes, structured details (never to be parsed from Message).
type ErrorBody struct {
	Code    ErrorCode   `json:"code"`
	Message string      `json:"message"`
	Data    interface{} `json:"data,omitempty"`
}

// HelperError is an error with a code the backend can act on.
type HelperError struct {
	Code    ErrorCode
	Message string
	Data    interface{}
}

func (e *HelperError) Error() string { return e.Message }

func badRequest(format string, args ...interface{}) error {
	return &HelperError{Code: codeBadRequest, Message: fmt.Sprintf(format, args...)}
}

// DecodeRequest parses one line. The returned id is 0 when the line is too
// broken to carry one; the response then goes to id 0.
func DecodeRequest(line []byte) (Request, error) {
	var request Request
	if len(line) > MaxRequestBytes {
		return request, badRequest("request larger than %d bytes", MaxRequestBytes)
	}
	decoder := json.NewDecoder(bytes.NewReader(line))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(&request); err != nil {
		request.ID = 0
		return request, badRequest("malformed request: %s", trimError(err))
	}
	if decoder.More() {
		return Request{}, badRequest("trailing data after the request")
	}
	if request.ID <= 0 {
		return Request{}, badRequest("id must be a positive integer")
	}
	if request.Method == "" {
		return request, badRequest("method is missing")
	}
	return request, nil
}

// DecodeParams decodes params strictly into out; absent params mean {}.
func DecodeParams(raw json.RawMessage, out interface{}) error {
	if len(bytes.TrimSpace(raw)) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		raw = []byte("{}")
	}
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(out); err != nil {
		return badRequest("bad params: %s", trimError(err))
	}
	return nil
}

func trimError(err error) string {
	message := err.Error()
	if len(message) > 200 {
		message = message[:200]
	}
	return message
}

// errorBody turns any error into what goes on the wire.
func errorBody(err error) *ErrorBody {
	var helperError *HelperError
	if errors.As(err, &helperError) {
		return &ErrorBody{Code: helperError.Code, Message: helperError.Message, Data: helperError.Data}
	}
	return &ErrorBody{Code: codeInternal, Message: trimError(err)}
}
