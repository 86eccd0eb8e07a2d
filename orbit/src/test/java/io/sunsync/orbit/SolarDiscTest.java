package io.sunsync.orbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SolarDiscTest {
    @Test
    void theVisiblePartOfTwoDiscsIsTheirPlaneOverlap() {
        double sun = 0.00465;
        double earth = 1.14;
        assertThat(SolarDisc.visibleFraction(earth + sun + 1e-9, earth, sun)).isEqualTo(1.0);
        assertThat(SolarDisc.visibleFraction(earth - sun - 1e-9, earth, sun)).isEqualTo(0.0);
        // the limb is nearly straight across the small solar disc: half of it shows when the centre is on it
        assertThat(SolarDisc.visibleFraction(earth, earth, sun)).isCloseTo(0.5, within(0.01));
        // equal discs centred one radius apart: overlap 2r²acos(1/2) − (r²/2)√3 = 39.1 % of a disc
        assertThat(1 - SolarDisc.visibleFraction(1.0, 1.0, 1.0))
                .isCloseTo((2 * Math.acos(0.5) - Math.sqrt(3) / 2) / Math.PI, within(1e-12));
        // annular: a small disc inside the Sun's hides its area ratio
        assertThat(SolarDisc.visibleFraction(0.0, 0.5, 1.0)).isCloseTo(0.75, within(1e-12));
    }
}
