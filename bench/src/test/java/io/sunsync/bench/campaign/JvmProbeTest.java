package io.sunsync.bench.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JvmProbeTest {
    @Test
    void theLiveHeapIsTheClassHistogramsTotal() {
        String histogram = """
                12345:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:         41234        4012320  [B (java.base@17.0.13)
                   2:          9876         237024  java.lang.String (java.base@17.0.13)
                Total        229400       18042304
                """;

        assertThat(JvmProbe.histogramTotalKb(histogram)).isEqualTo(18042304 / 1024);
    }

    @Test
    void aHistogramWithoutATotalIsAnError() {
        assertThatThrownBy(() -> JvmProbe.histogramTotalKb("12345:\ncom.sun.tools.attach.AttachNotSupportedException"))
                .isInstanceOf(IllegalStateException.class);
    }
}
