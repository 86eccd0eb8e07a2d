package io.sunsync.flight.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.flight.throttle.EclipseWindow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<EclipseWindow> parse(String windows) throws Exception {
        JsonNode args = JSON.readTree("{\"windows\":" + windows + "}");
        return ForecastCommands.windows(args, 2.0);
    }

    @Test
    void aWindowWithoutUmbraTimesIsPlannedDarkAndAGrazingOneCarriesItsLeastLight() throws Exception {
        List<EclipseWindow> w = parse("[{\"start\":\"2027-05-08T15:54:06Z\",\"end\":\"2027-05-08T15:55:06Z\"},"
                + "{\"start\":\"2027-05-08T17:31:41Z\",\"end\":\"2027-05-08T17:33:15Z\",\"minLitPct\":87.5},"
                + "{\"start\":\"2027-05-10T15:09:01Z\",\"end\":\"2027-05-10T15:15:20Z\","
                + "\"umbraStart\":\"2027-05-10T15:11:00Z\",\"umbraEnd\":\"2027-05-10T15:12:00Z\"}]");
        // no umbra said: planned dark from start to end
        assertThat(w.get(0).umbraStart()).isEqualTo(w.get(0).start());
        assertThat(w.get(0).umbraEnd()).isEqualTo(w.get(0).end());
        assertThat(w.get(0).minLitFraction()).isZero();
        assertThat(w.get(1).minLitFraction()).isEqualTo(0.875);
        assertThat(w.get(2).umbraStart()).isEqualTo(Instant.parse("2027-05-10T15:11:00Z"));
        assertThat(w.get(2).minLitFraction()).isZero();
        assertThat(w).allSatisfy(x -> assertThat(x.uncertaintyS()).isEqualTo(2.0));
    }

    @Test
    void aLeastLightOutOfRangeOrBesideAnUmbraIsRefusedWithItsReason() {
        assertThatThrownBy(() -> parse("[{\"start\":\"2027-05-08T15:54:06Z\",\"end\":\"2027-05-08T15:55:06Z\","
                + "\"minLitPct\":100}]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("windows[0]: minLitPct must be in [0, 100)");
        assertThatThrownBy(() -> parse("[{\"start\":\"2027-05-08T15:54:06Z\",\"end\":\"2027-05-08T15:55:06Z\","
                + "\"minLitPct\":-1}]")).hasMessageContaining("minLitPct must be in [0, 100)");
        assertThatThrownBy(() -> parse("[{\"start\":\"2027-05-10T15:09:01Z\",\"end\":\"2027-05-10T15:15:20Z\","
                + "\"umbraStart\":\"2027-05-10T15:11:00Z\",\"umbraEnd\":\"2027-05-10T15:12:00Z\",\"minLitPct\":20}]"))
                .hasMessageContaining("a window with an umbra goes dark");
    }
}
