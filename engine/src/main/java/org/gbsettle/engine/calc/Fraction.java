package org.gbsettle.engine.calc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact rational number for the few places that divide (load shapes, defaulted values): numerator and a positive
 * denominator as {@link BigInteger}. Rounding happens only in {@link #roundHalfUp()}, i.e. in a named rounding step.
 */
record Fraction(BigInteger numerator, BigInteger denominator) {

    static final Fraction ZERO = new Fraction(BigInteger.ZERO, BigInteger.ONE);

    Fraction {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("Fraction with zero denominator");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger g = numerator.gcd(denominator);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            numerator = numerator.divide(g);
            denominator = denominator.divide(g);
        }
    }

    static Fraction of(long numerator, long denominator) {
        return new Fraction(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    static Fraction of(BigDecimal value) {
        if (value.scale() >= 0) {
            return new Fraction(value.unscaledValue(), BigInteger.TEN.pow(value.scale()));
        }
        return new Fraction(value.toBigIntegerExact(), BigInteger.ONE);
    }

    Fraction add(Fraction o) {
        return new Fraction(
                numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)),
                denominator.multiply(o.denominator));
    }

    Fraction multiply(Fraction o) {
        return new Fraction(numerator.multiply(o.numerator), denominator.multiply(o.denominator));
    }

    Fraction multiply(long factor) {
        return new Fraction(numerator.multiply(BigInteger.valueOf(factor)), denominator);
    }

    Fraction divide(Fraction o) {
        if (o.numerator.signum() == 0) {
            throw new ArithmeticException("Division by zero");
        }
        return new Fraction(numerator.multiply(o.denominator), denominator.multiply(o.numerator));
    }

    int signum() {
        return numerator.signum();
    }

    /** The nearest integer, ties away from zero (HALF_UP). */
    long roundHalfUp() {
        BigInteger[] qr = numerator.abs().divideAndRemainder(denominator);
        BigInteger q = qr[0];
        if (qr[1].shiftLeft(1).compareTo(denominator) >= 0) {
            q = q.add(BigInteger.ONE);
        }
        return (numerator.signum() < 0 ? q.negate() : q).longValueExact();
    }

    /** A decimal approximation for display (explain), 12 dp. */
    BigDecimal toDecimal() {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), 12, RoundingMode.HALF_UP);
    }
}
