package dev.genlab.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * What a measure a metric reports means — declared once, by the metric that reports it, and read by everything
 * that ranks, colours or judges a value (comparisons, "best", the score card, the report, MLflow descriptions).
 * Nothing else guesses which way is better from the words in a key.
 *
 * <p>{@code key} is the metric's own key (without the metric's name, as in {@link MetricResult}) or a pattern
 * where {@code *} stands for any run of characters, dots included: {@code ks-complement.*} covers
 * {@code ks-complement.age}. A metric's list is read in order and the first matching declaration wins, so put
 * the specific ones first.
 *
 * <p>Two kinds:
 * <ul>
 *   <li>a <b>score</b> has a goal — {@link Goal#MAXIMISE}, {@link Goal#MINIMISE} or {@link Goal#TARGET} (ranked by
 *       the distance to {@code target}, e.g. 0.5 for a detection AUC or 0 for a signed change) — and is ranked,
 *       coloured and eligible for "best";</li>
 *   <li><b>information</b> ({@link Goal#NONE}: counts, shares, sizes, thresholds, sample statistics) is shown but
 *       never ranked or coloured.</li>
 * </ul>
 * A score may carry a {@link Threshold} for the score card (pass / warn / fail), which an experiment can change
 * with {@code report.thresholds { <metric>.<key> = … }}.
 *
 * @param key         the key or key pattern
 * @param goal        which way is better
 * @param target      the ideal value of a {@link Goal#TARGET} measure; NaN otherwise
 * @param min         the smallest possible value, or -∞ when unbounded or unknown
 * @param max         the largest possible value, or +∞ when unbounded or unknown
 * @param description one line for tables and the README
 * @param threshold   the default score-card bounds, if this measure is judged on the card
 */
public record Measure(String key, Goal goal, double target, double min, double max, String description, Optional<Threshold> threshold) {
    /** Which way is better. */
    public enum Goal {
        /** Higher is better. */
        MAXIMISE,
        /** Lower is better. */
        MINIMISE,
        /** The closer to {@link Measure#target()}, the better. */
        TARGET,
        /** Information: no better or worse. */
        NONE;

        /** The word used in files and tables: {@code maximise}, {@code minimise}, {@code target}, {@code none}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The goal named by {@link #word()}. */
        public static Goal ofWord(String word) {
            for (Goal g : values()) {
                if (g.word().equals(word)) {
                    return g;
                }
            }
            throw new IllegalArgumentException("unknown goal '" + word + "' (goals: maximise, minimise, target, none)");
        }
    }

    /**
     * Score-card bounds, in the measure's own units. A value at least as good as {@code pass} passes, one worse
     * than {@code fail} fails, anything between warns. For a {@link Goal#TARGET} measure "as good as" compares
     * distances to the target: with target 0.5, {@code pass = 0.6} passes every value in [0.4, 0.6].
     * {@code pass == fail} leaves no warn band.
     */
    public record Threshold(double pass, double fail) {
        public Threshold {
            if (!Double.isFinite(pass) || !Double.isFinite(fail)) {
                throw new IllegalArgumentException("thresholds must be finite numbers, got pass = " + pass + ", fail = " + fail);
            }
        }
    }

    public Measure {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(goal, "goal is null");
        Objects.requireNonNull(description, "description is null");
        Objects.requireNonNull(threshold, "threshold is null (use Optional.empty())");
        if (key.isBlank()) {
            throw new IllegalArgumentException("key is blank");
        }
        if (goal == Goal.TARGET != Double.isFinite(target)) {
            throw new IllegalArgumentException("measure '" + key + "': a target goal needs a finite target value, other goals none (NaN)");
        }
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("measure '" + key + "': range [" + min + ", " + max + "] is not a range");
        }
        if (goal == Goal.NONE && threshold.isPresent()) {
            throw new IllegalArgumentException("measure '" + key + "': information cannot have a score-card threshold");
        }
        if (threshold.isPresent()) {
            Threshold t = threshold.get();
            boolean ordered = switch (goal) {
                case MAXIMISE -> t.pass() >= t.fail();
                case MINIMISE -> t.pass() <= t.fail();
                default -> Math.abs(t.pass() - target) <= Math.abs(t.fail() - target);
            };
            if (!ordered) {
                throw new IllegalArgumentException("measure '" + key + "': pass " + t.pass() + " must be at least as good as fail " + t.fail()
                        + " for goal " + goal.word());
            }
        }
    }

    /** Higher is better, within [min, max] (use infinities for unbounded sides). */
    public static Measure maximise(String key, double min, double max, String description) {
        return new Measure(key, Goal.MAXIMISE, Double.NaN, min, max, description, Optional.empty());
    }

    /** Lower is better, within [min, max]. */
    public static Measure minimise(String key, double min, double max, String description) {
        return new Measure(key, Goal.MINIMISE, Double.NaN, min, max, description, Optional.empty());
    }

    /** The closer to {@code target}, the better, within [min, max]. */
    public static Measure target(String key, double target, double min, double max, String description) {
        return new Measure(key, Goal.TARGET, target, min, max, description, Optional.empty());
    }

    /** Information (a count, share, size, threshold or sample statistic): shown, never ranked. */
    public static Measure information(String key, String description) {
        return new Measure(key, Goal.NONE, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, description, Optional.empty());
    }

    /** This measure, judged on the score card against these default bounds. */
    public Measure withThreshold(double pass, double fail) {
        return new Measure(key, goal, target, min, max, description, Optional.of(new Threshold(pass, fail)));
    }

    /** This declaration for one concrete key (the pattern replaced by the key it matched). */
    public Measure forKey(String concreteKey) {
        return new Measure(concreteKey, goal, target, min, max, description, threshold);
    }

    /** A score (ranked, coloured, eligible for "best"), not information. */
    public boolean isScore() {
        return goal != Goal.NONE;
    }

    /** The best possible value: {@code max} when maximising, {@code min} when minimising, the target; NaN for information. */
    public double ideal() {
        return switch (goal) {
            case MAXIMISE -> max;
            case MINIMISE -> min;
            case TARGET -> target;
            case NONE -> Double.NaN;
        };
    }

    /**
     * How far a value is from good, as a number where smaller is better: {@code -v} when maximising, {@code v} when
     * minimising, {@code |v - target|} for a target; NaN for information or an undefined value.
     */
    public double badness(double value) {
        if (Double.isNaN(value)) {
            return Double.NaN;
        }
        return switch (goal) {
            case MAXIMISE -> -value;
            case MINIMISE -> value;
            case TARGET -> Math.abs(value - target);
            case NONE -> Double.NaN;
        };
    }

    /** The first of {@code declared} that covers {@code metricKey}, as a declaration for that key. */
    public static Optional<Measure> find(java.util.List<Measure> declared, String metricKey) {
        for (Measure m : declared) {
            if (m.matches(metricKey)) {
                return Optional.of(m.forKey(metricKey));
            }
        }
        return Optional.empty();
    }

    /** Whether this declaration's key or pattern covers {@code metricKey} (a metric's own key). */
    public boolean matches(String metricKey) {
        return glob(key, 0, metricKey, 0);
    }

    private static boolean glob(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = s.length(); k >= si + 1; k--) {
                    if (glob(p, pi + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || s.charAt(si) != c) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }
}
