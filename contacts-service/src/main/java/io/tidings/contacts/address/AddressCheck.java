package io.tidings.contacts.address;

import com.sanctionco.jmail.EmailValidationResult;
import com.sanctionco.jmail.EmailValidator;
import com.sanctionco.jmail.JMail;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validates and normalises an email address: jmail's RFC checks plus the practical rules a mail relay
 * enforces (exactly one @, local part 1..64, at most 254 characters, a dotted domain that is neither an IP
 * literal nor localhost, no whitespace, no quoting or comments).
 */
public final class AddressCheck {
    private static final int MAX_LOCAL = 64;
    private static final int MAX_ADDRESS = 254;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final String REJECTED_CHARACTERS = "\"(),:;<>[\\]";
    private static final EmailValidator JMAIL = JMail.validator()
            .disallowIpDomain()
            .requireTopLevelDomain()
            .disallowExplicitSourceRouting()
            .disallowQuotedIdentifiers()
            .disallowObsoleteWhitespace();

    private AddressCheck() {
    }

    public static AddressVerdict check(String candidate) {
        if (candidate == null || candidate.isBlank()) {
            return new AddressVerdict.Invalid(AddressFault.MISSING_EMAIL);
        }
        if (candidate.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            return new AddressVerdict.Invalid(AddressFault.WHITESPACE);
        }
        int at = candidate.indexOf('@');
        if (at < 0) {
            return new AddressVerdict.Invalid(AddressFault.MISSING_AT);
        }
        if (candidate.indexOf('@', at + 1) >= 0) {
            return new AddressVerdict.Invalid(AddressFault.MULTIPLE_AT);
        }
        String local = candidate.substring(0, at);
        String domain = candidate.substring(at + 1).toLowerCase(Locale.ROOT);
        int localBytes = local.getBytes(StandardCharsets.UTF_8).length;
        if (localBytes < 1 || localBytes > MAX_LOCAL) {
            return new AddressVerdict.Invalid(AddressFault.LOCAL_PART_LENGTH);
        }
        AddressVerdict.Invalid domainFault = domainFault(domain);
        if (domainFault != null) {
            return domainFault;
        }
        for (char c : candidate.toCharArray()) {
            if (REJECTED_CHARACTERS.indexOf(c) >= 0 || Character.isISOControl(c)) {
                return new AddressVerdict.Invalid(AddressFault.INVALID_CHARACTER,
                        AddressFault.INVALID_CHARACTER.message() + ": '" + c + "'");
            }
        }
        String asciiDomain;
        try {
            asciiDomain = IDN.toASCII(domain);
        } catch (IllegalArgumentException e) {
            return new AddressVerdict.Invalid(AddressFault.INVALID_DOMAIN);
        }
        String normalized = local.toLowerCase(Locale.ROOT) + "@" + asciiDomain;
        if (normalized.length() > MAX_ADDRESS || candidate.length() > MAX_ADDRESS) {
            return new AddressVerdict.Invalid(AddressFault.ADDRESS_TOO_LONG);
        }
        EmailValidationResult result = JMAIL.validate(candidate);
        if (result.isFailure()) {
            String reason = result.getFailureReason().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
            return new AddressVerdict.Invalid(AddressFault.INVALID_EMAIL, AddressFault.INVALID_EMAIL.message() + ": " + reason);
        }
        return new AddressVerdict.Valid(new EmailAddress(candidate, normalized));
    }

    private static AddressVerdict.Invalid domainFault(String domain) {
        if (domain.startsWith("[") || IPV4.matcher(domain).matches()) {
            return new AddressVerdict.Invalid(AddressFault.IP_LITERAL);
        }
        if (domain.equals("localhost") || domain.endsWith(".localhost")) {
            return new AddressVerdict.Invalid(AddressFault.LOCALHOST);
        }
        if (domain.indexOf('.') < 0) {
            return new AddressVerdict.Invalid(AddressFault.DOMAIN_WITHOUT_DOT);
        }
        return null;
    }
}
