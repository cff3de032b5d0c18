package org.gbsettle.engine.metering;

/**
 * An MPAN core (metering system id, MSID): 13 digits, the distributor short code (2), 10 digits and a check digit.
 *
 * <p>Check digit (BSC, domain.md §6.7): {@code c = (sum_{i=1..12} d_i * p_i mod 11) mod 10} with primes
 * {@code p = 3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43}. Example {@code 2000024512368}: the weighted sum is 767, 767
 * mod 11 = 8, 8 mod 10 = 8 = the 13th digit, so it is valid.
 *
 * <p>In columnar data an MPAN core is a {@code long}; this record is for the edges.
 */
public record Mpan(long core) implements Comparable<Mpan> {

    private static final int[] PRIMES = {3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43};
    private static final long LIMIT = 10_000_000_000_000L;

    public Mpan {
        if (!isValid(core)) {
            throw new IllegalArgumentException("MPAN " + format(core) + " is invalid: "
                    + (core < 0 || core >= LIMIT ? "not 13 digits" : "check digit should be " + checkDigit(core)));
        }
    }

    /** The MPAN with this 13-digit core, validated. */
    public static Mpan of(long core) {
        return new Mpan(core);
    }

    /**
     * Parses an MPAN core, ignoring spaces; the full 21-digit MPAN's last 13 digits are the core.
     *
     * @throws IllegalArgumentException if the text is not 13 (or 21) digits or the check digit is wrong
     */
    public static Mpan parse(String text) {
        String digits = text.replace(" ", "");
        if (digits.length() == 21) {
            digits = digits.substring(8);
        }
        if (digits.length() != 13 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("MPAN '" + text + "' is not 13 digits");
        }
        return of(Long.parseLong(digits));
    }

    /** Whether {@code core} is a 13-digit number (leading zeros allowed) whose check digit is right. */
    public static boolean isValid(long core) {
        return core >= 0 && core < LIMIT && checkDigit(core) == core % 10;
    }

    /** The check digit the first 12 digits of {@code core} call for. */
    public static int checkDigit(long core) {
        long rest = core / 10;
        int sum = 0;
        for (int i = 11; i >= 0; i--) {
            sum += (int) (rest % 10) * PRIMES[i];
            rest /= 10;
        }
        return sum % 11 % 10;
    }

    /** The 13-digit text form, with leading zeros (a number outside 13 digits as it is). */
    public static String format(long core) {
        if (core < 0 || core >= LIMIT) {
            return Long.toString(core);
        }
        char[] digits = new char[13];
        long rest = core;
        for (int i = 12; i >= 0; i--) {
            digits[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
        return new String(digits);
    }

    /** The distributor short code: the first two digits. */
    public int distributorShortCode() {
        return (int) (core / 100_000_000_000L);
    }

    @Override
    public int compareTo(Mpan other) {
        return Long.compare(core, other.core);
    }

    @Override
    public String toString() {
        return format(core);
    }
}
