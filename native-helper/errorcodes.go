// The codes a helper error carries: one closed set, the same as common/helperProtocol.ts's HELPER_ERROR_CODES
// (the shared fixtures list them, and a test on each side fails on a code the other does not know). The backend
// acts on these, never on message text.
package main

// ErrorCode is what the backend acts on.
type ErrorCode string

const (
	codeBadRequest     ErrorCode = "bad-request"
	codeUnknownMethod  ErrorCode = "unknown-method"
	codeNotFound       ErrorCode = "not-found"
	codePermission     ErrorCode = "permission"
	codeStalePid       ErrorCode = "stale-pid" // the pid is no longer (or never was) that container's init
	codeNotABridge     ErrorCode = "not-a-bridge"
	codeNotAVeth       ErrorCode = "not-a-veth"
	codeNotInContainer ErrorCode = "not-in-container" // a veth whose other end is not in the named container
	codeWireFailed     ErrorCode = "wire-failed"      // data is a WireFailure
	codeTimeout        ErrorCode = "timeout"
	codeBusy           ErrorCode = "busy"
	codeInternal       ErrorCode = "internal"
)

// errorCodes is every code the helper may send.
var errorCodes = []ErrorCode{
	codeBadRequest, codeUnknownMethod, codeNotFound, codePermission, codeStalePid, codeNotABridge, codeNotAVeth,
	codeNotInContainer, codeWireFailed, codeTimeout, codeBusy, codeInternal,
}
