package io.sunsync.hal.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.testkit.TestFiles;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsSwitchTest {
    @TempDir
    Path root;
    private final Instant now = Instant.parse("2027-06-21T00:00:00Z");

    private FakeSysfs pwmChip() {
        // pwmN_enable: 0 = no control (full speed), 1 = manual, 2+ = automatic (sysfs-class-hwmon).
        return new FakeSysfs(root).hwmon(2, "nct6775").hwmon(2, "pwm2", 0).hwmon(2, "pwm2_enable", 5)
                .hwmon(2, "fan2_input", 0);
    }

    @Test
    void switchingAPwmPumpOnTakesManualControlAndIsVerified() {
        FakeSysfs fake = pwmChip();
        SysfsSwitch pump = new SysfsSwitch(SysfsRef.parse("hwmon:nct6775/pwm2", "k"), 200, "k");
        CommandResult r = pump.set(fake.tree(), true, "loop-a", "setPump", now);
        assertThat(r.ok()).isTrue();
        assertThat(fake.text("class/hwmon/hwmon2/pwm2_enable")).isEqualTo("1");
        assertThat(fake.text("class/hwmon/hwmon2/pwm2")).isEqualTo("200");
        assertThat(pump.read(fake.tree()).on()).isTrue();
        assertThat(pump.set(fake.tree(), false, "loop-a", "setPump", now).ok()).isTrue();
        assertThat(pump.read(fake.tree()).on()).isFalse();
    }

    @Test
    void aWriteTheHardwareIgnoresIsNotVerified() {
        FakeSysfs fake = pwmChip();
        Path pwm = root.resolve("class/hwmon/hwmon2/pwm2");
        SysfsTree tree = new SysfsTree(root, new DenyingAccess().ignoreWrites(pwm));
        CommandResult r = new SysfsSwitch(SysfsRef.parse("hwmon:nct6775/pwm2", "k"), 255, "k")
                .set(tree, true, "loop-a", "setPump", now);
        assertThat(r.fault().code()).isEqualTo(FaultCode.COMMAND_NOT_VERIFIED);
        assertThat(r.fault().device()).isEqualTo("loop-a");
        assertThat(r.fault().detail()).contains("read back '0'");
        assertThat(fake.text("class/hwmon/hwmon2/pwm2")).isEqualTo("0");
    }

    @Test
    void pwmEnableZeroMeansFullSpeedAndReadsAsOn() {
        FakeSysfs fake = pwmChip().hwmon(2, "pwm2_enable", 0);
        assertThat(new SysfsSwitch(SysfsRef.parse("hwmon:nct6775/pwm2", "k"), 255, "k").read(fake.tree()).on()).isTrue();
    }

    @Test
    void aCoolingDeviceIsSwitchedBetweenZeroAndItsMaxState() {
        FakeSysfs fake = new FakeSysfs(root).cooling(0, "Fan", 0, 3);
        SysfsSwitch fan = new SysfsSwitch(SysfsRef.parse("cooling:Fan", "k"), 255, "k");
        assertThat(fan.set(fake.tree(), true, "loop-a", "setPump", now).ok()).isTrue();
        assertThat(fake.text("class/thermal/cooling_device0/cur_state")).isEqualTo("3");
        assertThat(fan.read(fake.tree()).on()).isTrue();
    }

    @Test
    void aMissingActuatorIsRejectedNotThrown() {
        CommandResult r = new SysfsSwitch(SysfsRef.parse("path:class/gpio/gpio17/value", "k"), 255, "k")
                .set(new SysfsTree(root), true, "loop-a", "setHeater", now);
        assertThat(r.fault().code()).isEqualTo(FaultCode.COMMAND_REJECTED);
    }

    @net.jqwik.api.Property(tries = 150)
    void garbageInAPwmOutputIsAFaultNotAnException(@net.jqwik.api.ForAll
            @net.jqwik.api.constraints.StringLength(max = 20) String junk) throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("fuzz-pwm");
        try {
            FakeSysfs fake = new FakeSysfs(dir).hwmon(2, "nct6775").hwmon(2, "pwm2_enable", 1);
            fake.raw("devices/virtual/hwmon/hwmon2/pwm2", junk);
            SysfsSwitch.State st = new SysfsSwitch(SysfsRef.parse("hwmon:nct6775/pwm2", "k"), 255, "k").read(fake.tree());
            if (!junk.trim().matches("[-+]?\\d{1,30}(\\.\\d{1,30})?([eE][-+]?\\d{1,4})?")) {
                assertThat(st.on()).isNull();
                assertThat(st.fault()).isIn(FaultCode.SENSOR_UNPARSABLE, FaultCode.SENSOR_NAN);
            }
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    @Test
    void aSensorCannotBeASwitch() {
        assertThatThrownBy(() -> new SysfsSwitch(SysfsRef.parse("hwmon:nct6775/fan2_input", "k"), 255,
                "options.loops[0].pump")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("options.loops[0].pump: 'hwmon:nct6775/fan2_input' is not a PWM output");
    }
}
