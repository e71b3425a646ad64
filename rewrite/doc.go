// Package rewrite turns lint fixes into new file contents and into patches.
//
// Fixes are expressed as byte-range edits against the original text, so
// several fixes found in one lint pass can be combined without recomputing
// offsets. Conflicting fixes are refused rather than guessed at: a rejected
// fix is simply retried after the file has been re-linted. Unified renders the
// result as a patch that git apply and patch -p1 accept byte for byte, which
// is what users see in --diff mode and may apply by hand.
package rewrite
