package io.sunsync.bench.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The short version of the fault soak ({@code ./sunsync soak} runs 1,000 seeds): randomized
 * fault scenarios against flight's real control chain; every seed must pass.
 */
class FaultSoakTest {

    @Test
    void randomizedFaultScenariosViolateNoLimitAndEveryFaultIsReported() {
        for (long seed = 101; seed <= 106; seed++) {
            SoakCampaign.SeedResult r = SoakCampaign.run(seed, 5400);
            assertThat(r.violations()).as("seed %d violations %s (faults %s)", seed, r.violationsByKind(), r.faults()).isZero();
            assertThat(r.exceptions()).as("seed %d exceptions", seed).isZero();
            assertThat(r.undetected()).as("seed %d undetected (faults %s)", seed, r.faults()).isEmpty();
            assertThat(r.unwarrantedSafe()).as("seed %d", seed).isEmpty();
            assertThat(r.workUnits()).isPositive();
        }
    }
}
