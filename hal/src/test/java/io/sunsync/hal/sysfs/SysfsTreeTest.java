package io.sunsync.hal.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.FaultCode;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsTreeTest {
    @TempDir
    Path root;

    @Test
    void readsAnAttributeWithoutTheKernelsTrailingNewline() {
        FakeSysfs fake = new FakeSysfs(root).file("class/hwmon/hwmon0/name", "coretemp");
        AttrRead r = fake.tree().read(root.resolve("class/hwmon/hwmon0/name"));
        assertThat(r.ok()).isTrue();
        assertThat(r.text()).isEqualTo("coretemp");
    }

    @Test
    void aMissingAttributeIsSensorMissing() {
        AttrRead r = new SysfsTree(root).read(root.resolve("class/power_supply/BAT0/power_now"));
        assertThat(r.fault()).isEqualTo(FaultCode.SENSOR_MISSING);
        assertThat(r.missing()).isTrue();
        assertThat(r.detail()).contains("power_now").contains("no such file");
    }

    @Test
    void aSensorThatFailsWithEioIsAnIoError() {
        FakeSysfs fake = new FakeSysfs(root).failsWithEio("class/thermal/thermal_zone0/temp");
        AttrRead r = fake.tree().read(root.resolve("class/thermal/thermal_zone0/temp"));
        assertThat(r.fault()).isEqualTo(FaultCode.SENSOR_IO_ERROR);
        assertThat(r.detail()).containsIgnoringCase("input/output error");
    }

    @Test
    void anAttributeThatIsAFolderIsAnIoError() {
        FakeSysfs fake = new FakeSysfs(root).notAFile("class/thermal/thermal_zone0/temp");
        assertThat(fake.tree().read(root.resolve("class/thermal/thermal_zone0/temp")).fault())
                .isEqualTo(FaultCode.SENSOR_IO_ERROR);
    }

    @Test
    void aPermissionErrorIsSensorPermission() {
        FakeSysfs fake = new FakeSysfs(root).file("class/powercap/intel-rapl:0/energy_uj", 5);
        Path f = root.resolve("class/powercap/intel-rapl:0/energy_uj");
        SysfsTree tree = new SysfsTree(root, new DenyingAccess().denyRead(f));
        AttrRead r = tree.read(f);
        assertThat(r.fault()).isEqualTo(FaultCode.SENSOR_PERMISSION);
        assertThat(r.detail()).contains("permission denied");
        assertThat(fake.tree().read(f).ok()).isTrue();
    }

    @Test
    void ioErrorsAreClassifiedByKind() {
        assertThat(SysfsTree.classify(new NoSuchFileException("x"))).isEqualTo(FaultCode.SENSOR_MISSING);
        assertThat(SysfsTree.classify(new AccessDeniedException("x"))).isEqualTo(FaultCode.SENSOR_PERMISSION);
        assertThat(SysfsTree.classify(new FileSystemException("x", null, "Operation not permitted")))
                .isEqualTo(FaultCode.SENSOR_PERMISSION);
        assertThat(SysfsTree.classify(new MalformedInputException(1))).isEqualTo(FaultCode.SENSOR_UNPARSABLE);
        assertThat(SysfsTree.classify(new IOException("No data available"))).isEqualTo(FaultCode.SENSOR_IO_ERROR);
    }

    @Test
    void writingAMissingAttributeIsRejectedAndCreatesNothing() {
        SysfsTree tree = new SysfsTree(root);
        Path f = root.resolve("class/hwmon/hwmon0/pwm1");
        AttrWrite w = tree.write(f, "255");
        assertThat(w.fault()).isEqualTo(FaultCode.COMMAND_REJECTED);
        assertThat(tree.exists(f)).isFalse();
    }

    @Test
    void listsDevicesInNaturalOrder() {
        FakeSysfs fake = new FakeSysfs(root);
        for (int n : new int[] {10, 2, 1}) {
            fake.hwmon(n, "chip" + n);
        }
        assertThat(fake.tree().list("class/hwmon", n -> true)).extracting(p -> p.getFileName().toString())
                .containsExactly("hwmon1", "hwmon2", "hwmon10");
        assertThat(new SysfsTree(root.resolve("nowhere")).list("class/hwmon", n -> true)).isEmpty();
    }
}
