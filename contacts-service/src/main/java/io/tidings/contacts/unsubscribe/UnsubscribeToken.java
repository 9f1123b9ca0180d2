package io.tidings.contacts.unsubscribe;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The project and contact an unsubscribe link names (deploy/contracts/README.md, "Unsubscribe tokens"): v1 is
 * base64url without padding of {@code 0x01 ‖ project id ‖ contact id ‖ HMAC-SHA256(key, those 33 bytes)[0..16)}.
 */
public record UnsubscribeToken(UUID projectId, UUID contactId) {
    static final byte VERSION = 1;
    static final int SIGNED_LENGTH = 33;
    static final int MAC_LENGTH = 16;

    /** The token's claims if it is well-formed and signed with {@code key}; empty otherwise, never an exception. */
    public static Optional<UnsubscribeToken> verify(String token, byte[] key) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
        if (bytes.length != SIGNED_LENGTH + MAC_LENGTH || bytes[0] != VERSION
                || !Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(token)) { // one spelling only
            return Optional.empty();
        }
        byte[] signed = Arrays.copyOf(bytes, SIGNED_LENGTH);
        byte[] mac = Arrays.copyOfRange(bytes, SIGNED_LENGTH, bytes.length);
        if (!MessageDigest.isEqual(mac, mac(key, signed))) {
            return Optional.empty();
        }
        ByteBuffer ids = ByteBuffer.wrap(signed, 1, 32);
        return Optional.of(new UnsubscribeToken(new UUID(ids.getLong(), ids.getLong()), new UUID(ids.getLong(), ids.getLong())));
    }

    /** The token for these claims, as delivery-service writes it into links. */
    public String sign(byte[] key) {
        ByteBuffer signed = ByteBuffer.allocate(SIGNED_LENGTH).put(VERSION)
                .putLong(projectId.getMostSignificantBits()).putLong(projectId.getLeastSignificantBits())
                .putLong(contactId.getMostSignificantBits()).putLong(contactId.getLeastSignificantBits());
        byte[] token = Arrays.copyOf(signed.array(), SIGNED_LENGTH + MAC_LENGTH);
        System.arraycopy(mac(key, signed.array()), 0, token, SIGNED_LENGTH, MAC_LENGTH);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    private static byte[] mac(byte[] key, byte[] signed) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(hmac.doFinal(signed), MAC_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
