package io.tidings.contacts.importing.upload;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Checks, chunk by chunk, whether a byte stream is well-formed UTF-8, without keeping the decoded text. */
final class Utf8Validation {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer sink = CharBuffer.allocate(16 * 1024);
    private ByteBuffer carry = ByteBuffer.allocate(0);
    private boolean valid = true;

    void feed(byte[] chunk, int length) {
        if (!valid) {
            return;
        }
        ByteBuffer in = ByteBuffer.allocate(carry.remaining() + length);
        in.put(carry).put(chunk, 0, length).flip();
        valid = decode(in, false);
        carry = in.slice();
    }

    boolean finish() {
        if (!valid) {
            return false;
        }
        sink.clear();
        return decode(carry, true) && !decoder.flush(sink).isError();
    }

    private boolean decode(ByteBuffer in, boolean endOfInput) {
        while (true) {
            sink.clear();
            CoderResult result = decoder.decode(in, sink, endOfInput);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                return true;
            }
        }
    }
}
