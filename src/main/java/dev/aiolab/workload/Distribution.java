package dev.aiolab.workload;

import dev.aiolab.sim.RandomStream;
import java.util.Locale;

/**
 * fio's {@code random_distribution}: {@code random} (uniform), {@code zipf:theta},
 * {@code pareto:h}, {@code normal:dev%} (alias {@code gauss:dev%}).
 *
 * @param kind the distribution
 * @param parameter theta, h or dev% (0 for uniform)
 */
public record Distribution(Kind kind, double parameter) {

    public enum Kind { UNIFORM, ZIPF, PARETO, NORMAL }

    public static final Distribution UNIFORM = new Distribution(Kind.UNIFORM, 0);

    /** What {@link #parse} accepts, for error messages. */
    public static final String ACCEPTED = "random (or uniform), zipf:θ with θ > 0, pareto:h with 0 < h < 1, "
            + "normal:dev% with 0 < dev <= 100 (alias gauss)";

    public Distribution {
        switch (kind) {
            case UNIFORM -> { }
            case ZIPF -> require(parameter > 0 && !Double.isInfinite(parameter), "zipf θ must be > 0");
            case PARETO -> require(parameter > 0 && parameter < 1, "pareto h must be in (0, 1)");
            case NORMAL -> require(parameter > 0 && parameter <= 100, "normal dev% must be in (0, 100]");
            default -> throw new AssertionError(kind);
        }
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what);
        }
    }

    /** Parses fio's text form; the message of a rejection says what is accepted. */
    public static Distribution parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("random") || t.equals("uniform")) {
            return UNIFORM;
        }
        int colon = t.indexOf(':');
        if (colon > 0) {
            String name = t.substring(0, colon);
            String arg = t.substring(colon + 1).replace("%", "");
            Kind kind = switch (name) {
                case "zipf" -> Kind.ZIPF;
                case "pareto" -> Kind.PARETO;
                case "normal", "gauss" -> Kind.NORMAL;
                default -> null;
            };
            if (kind != null) {
                try {
                    return new Distribution(kind, Double.parseDouble(arg));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' has no number after ':'; accepted: " + ACCEPTED);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + "; accepted: " + ACCEPTED);
                }
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a distribution; accepted: " + ACCEPTED);
    }

    /**
     * A pattern over {@code blocks} blocks drawing from {@code rng}. As in fio, the skewed distributions'
     * hot blocks are spread over the region ({@link AccessPattern#scattered}), not packed at its start.
     */
    public AccessPattern pattern(long blocks, RandomStream rng) {
        return switch (kind) {
            case UNIFORM -> AccessPattern.uniform(blocks, rng);
            case ZIPF -> AccessPattern.scattered(AccessPattern.zipf(blocks, parameter, rng), rng);
            case PARETO -> AccessPattern.scattered(AccessPattern.pareto(blocks, parameter, rng), rng);
            case NORMAL -> AccessPattern.scattered(AccessPattern.normal(blocks, parameter, rng), rng);
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case UNIFORM -> "random";
            case ZIPF -> "zipf:" + fmt(parameter);
            case PARETO -> "pareto:" + fmt(parameter);
            case NORMAL -> "normal:" + fmt(parameter);
        };
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
