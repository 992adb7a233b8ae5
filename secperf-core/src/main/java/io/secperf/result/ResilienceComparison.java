package io.secperf.result;

/**
 * Legitimate traffic before and during the attack ({@code security.resilience} in the result document), computed by
 * {@code io.secperf.analysis.ResilienceAnalysis} from the per-second series and the attack windows. When the attack
 * covered the whole run (or started before any clean second was left after the ramp-up) there is no clean window:
 * {@code clean} and {@code impact} are null and {@code note} says why, so a report never shows a made-up baseline.
 *
 * @param clean  the clean window, or null when there is none
 * @param attack the attack window (the seconds covered by any attack window)
 * @param impact relative changes from clean to attack; null without a clean window
 * @param note   how the windows were chosen, or why there is no clean window
 */
public record ResilienceComparison(WindowStats clean, WindowStats attack, ResilienceImpact impact, String note) {

    public ResilienceComparison {
        if (attack == null) {
            throw new IllegalArgumentException("a resilience comparison needs the attack window");
        }
        if (impact == null && clean != null) {
            impact = ResilienceImpact.between(clean, attack);
        }
        note = note == null ? "" : note;
    }

    /** Both windows known; the impact is computed. */
    public ResilienceComparison(WindowStats clean, WindowStats attack) {
        this(requireClean(clean), attack, null, null);
    }

    private static WindowStats requireClean(WindowStats clean) {
        if (clean == null) {
            throw new IllegalArgumentException("a resilience comparison needs both windows");
        }
        return clean;
    }

    /** True when there is a clean window to compare with. */
    public boolean comparable() {
        return clean != null;
    }
}
