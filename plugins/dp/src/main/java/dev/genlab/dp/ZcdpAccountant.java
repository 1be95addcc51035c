package dev.genlab.dp;

import java.util.ArrayList;
import java.util.List;

/**
 * Zero-concentrated DP (Bun &amp; Steinke 2016) for marginal-based generators (MST, AIM): each measurement spends ρ,
 * composition adds the ρs, and the total converts to (ε, δ).
 *
 * <p>The conversion is the tight one of Canonne, Kamath &amp; Steinke 2020 ("The Discrete Gaussian for Differential
 * Privacy", Prop. 12 applied to the RDP curve α ↦ ρα), the {@code cdp_eps} that McKenna et al.'s MST and AIM code
 * use: ε = min over α &gt; 1 of αρ + log(1 − 1/α) − log(δα)/(α − 1). It is minimised here over continuous α (golden
 * section on log(α − 1), α ≥ 1.01 as dp-accounting and McKenna's code floor it), so it equals dp-accounting's
 * RDP accountant over a {@code ZCDpEvent(ρ)} at its optimal order (the fixtures check 1e-6). The classical bound
 * ε = ρ + 2√(ρ log(1/δ)) (Bun &amp; Steinke 2016, Prop. 1.3) is {@link #simpleEpsilon}: always larger, never used to
 * spend a budget.
 *
 * <p>An instance is the ledger of one run: what was measured and the ρ each measurement cost.
 */
public final class ZcdpAccountant {
    private static final double MIN_ORDER = 1.01;
    private static final double MAX_ORDER = 1e7;

    private final List<Spend> ledger = new ArrayList<>();
    private double rho;

    /** One measurement: what it was and the ρ it cost. */
    public record Spend(String what, double rho) {
    }

    /** Spends ρ on a measurement described by {@code what}. */
    public ZcdpAccountant spend(String what, double rho) {
        PrivacyArguments.rho(rho);
        ledger.add(new Spend(what, rho));
        this.rho += rho;
        return this;
    }

    /** Spends one Gaussian-mechanism measurement: L2 sensitivity Δ, noise standard deviation σ. */
    public ZcdpAccountant gaussian(String what, double sensitivity, double sigma) {
        return spend(what, gaussianRho(sensitivity, sigma));
    }

    /** Spends one ε-DP exponential-mechanism selection: ε²/8-zCDP (Cesar &amp; Rogers 2021, bounded range). */
    public ZcdpAccountant exponential(String what, double epsilon) {
        return spend(what, exponentialRho(epsilon));
    }

    /** Total ρ spent so far (composition adds). */
    public double rho() {
        return rho;
    }

    /** The measurements so far, in order. */
    public List<Spend> ledger() {
        return List.copyOf(ledger);
    }

    /** The smallest ε for which everything spent so far is (ε, δ)-DP. */
    public double epsilon(double delta) {
        return epsilon(rho, delta);
    }

    /** ρ of the Gaussian mechanism: Δ² / (2σ²). */
    public static double gaussianRho(double sensitivity, double sigma) {
        PrivacyArguments.positive("sensitivity", sensitivity);
        PrivacyArguments.positive("sigma", sigma);
        return sensitivity * sensitivity / (2 * sigma * sigma);
    }

    /** σ of a Gaussian mechanism with L2 sensitivity Δ that spends exactly ρ: Δ / √(2ρ). */
    public static double gaussianSigma(double sensitivity, double rho) {
        PrivacyArguments.positive("sensitivity", sensitivity);
        PrivacyArguments.positive("rho", rho);
        return sensitivity / Math.sqrt(2 * rho);
    }

    /** ρ of an ε-DP exponential mechanism: ε²/8. */
    public static double exponentialRho(double epsilon) {
        PrivacyArguments.epsilon(epsilon);
        return epsilon * epsilon / 8;
    }

    /** ε of an exponential mechanism that spends exactly ρ: √(8ρ). */
    public static double exponentialEpsilon(double rho) {
        PrivacyArguments.positive("rho", rho);
        return Math.sqrt(8 * rho);
    }

    /** The tight ρ-zCDP → (ε, δ) conversion; 0 for ρ = 0. */
    public static double epsilon(double rho, double delta) {
        PrivacyArguments.rho(rho);
        PrivacyArguments.delta(delta);
        if (rho == 0) {
            return 0;
        }
        // golden-section search for the minimum over t = log(α − 1); the objective is unimodal in α
        double lo = Math.log(MIN_ORDER - 1);
        double hi = Math.log(MAX_ORDER - 1);
        double invPhi = (Math.sqrt(5) - 1) / 2;
        double c = hi - invPhi * (hi - lo);
        double d = lo + invPhi * (hi - lo);
        double fc = epsilonAtOrder(rho, delta, 1 + Math.exp(c));
        double fd = epsilonAtOrder(rho, delta, 1 + Math.exp(d));
        for (int i = 0; i < 200 && hi - lo > 1e-13; i++) {
            if (fc <= fd) {
                hi = d;
                d = c;
                fd = fc;
                c = hi - invPhi * (hi - lo);
                fc = epsilonAtOrder(rho, delta, 1 + Math.exp(c));
            } else {
                lo = c;
                c = d;
                fc = fd;
                d = lo + invPhi * (hi - lo);
                fd = epsilonAtOrder(rho, delta, 1 + Math.exp(d));
            }
        }
        double best = Math.min(Math.min(fc, fd), Math.min(epsilonAtOrder(rho, delta, 1 + Math.exp(lo)), epsilonAtOrder(rho, delta, 1 + Math.exp(hi))));
        return Math.max(0, best);
    }

    /** The bound ε = ρ + 2√(ρ log(1/δ)) (Bun &amp; Steinke 2016): simple, valid and looser than {@link #epsilon(double, double)}. */
    public static double simpleEpsilon(double rho, double delta) {
        PrivacyArguments.rho(rho);
        PrivacyArguments.delta(delta);
        return rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
    }

    /**
     * The largest ρ whose tight conversion stays within (ε, δ) (to a relative 1e-12): the budget a marginal
     * generator divides among its measurements, as McKenna et al.'s {@code cdp_rho}.
     */
    public static double rho(double epsilon, double delta) {
        PrivacyArguments.epsilon(epsilon);
        PrivacyArguments.delta(delta);
        double lo = 0;
        double hi = epsilon + 1; // ε(ρ) ≥ ρ, so ρ = ε + 1 is over budget
        while (hi - lo > 1e-12 * hi) {
            double mid = 0.5 * (lo + hi);
            if (epsilon(mid, delta) <= epsilon) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** dp-accounting's conversion at one order α of the RDP curve αρ, with its KL shortcut. */
    private static double epsilonAtOrder(double rho, double delta, double alpha) {
        double r = rho * alpha;
        if (delta * delta + Math.expm1(-r) > 0) {
            return 0;
        }
        return r + Math.log1p(-1 / alpha) - Math.log(delta * alpha) / (alpha - 1);
    }

    @Override
    public String toString() {
        return "ZcdpAccountant[rho=" + rho + ", " + ledger.size() + " measurements]";
    }
}
