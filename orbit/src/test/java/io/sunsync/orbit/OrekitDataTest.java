package io.sunsync.orbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeScale;

class OrekitDataTest {
    private static double taiMinusUtcS(String isoUtc) {
        TimeScale utc = OrekitData.utc();
        AbsoluteDate date = new AbsoluteDate(isoUtc, utc);
        return -utc.offsetFromTAI(date).toDouble();
    }

    @Test
    void taiMinusUtcIsThirtySevenSecondsSinceTwentySeventeen() {
        assertThat(taiMinusUtcS("2027-06-21T00:00:00")).isCloseTo(37.0, within(1e-9));
        assertThat(taiMinusUtcS("2017-01-01T00:00:00")).isCloseTo(37.0, within(1e-9));
    }

    @Test
    void leapSecondsOfThePastAreWhereTheIersPutThem() {
        // IERS Bulletin C: +1 s at the end of 2016-12-31, 2015-06-30, 2008-12-31; 10 s on 1972-01-01.
        assertThat(taiMinusUtcS("2016-12-31T12:00:00")).isCloseTo(36.0, within(1e-9));
        assertThat(taiMinusUtcS("2015-06-30T12:00:00")).isCloseTo(35.0, within(1e-9));
        assertThat(taiMinusUtcS("2009-01-01T00:00:01")).isCloseTo(34.0, within(1e-9));
        assertThat(taiMinusUtcS("1972-01-01T00:00:01")).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void theDataComesFromTheJarNotFromAFolderOrTheNetwork() {
        assertThat(OrekitData.class.getClassLoader().getResource(OrekitData.LEAP_SECONDS)).isNotNull();
        OrekitData.utc();
        var manager = ((org.orekit.data.LazyLoadedDataContext) OrekitData.context()).getDataProvidersManager();
        assertThat(manager.getProviders()).hasSize(1);
        assertThat(manager.getLoadedDataNames()).singleElement().asString().endsWith("tai-utc.dat");
    }
}
