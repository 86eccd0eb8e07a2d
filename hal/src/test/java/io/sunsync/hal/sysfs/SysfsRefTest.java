package io.sunsync.hal.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sunsync.hal.config.ConfigException;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsRefTest {
    @TempDir
    Path root;

    @Test
    void parsesEveryForm() {
        assertThat(SysfsRef.parse("hwmon:ina3221/in1_input", "k")).isEqualTo(
                new SysfsRef(SysfsRef.Kind.HWMON, "ina3221", 0, "in1_input"));
        assertThat(SysfsRef.parse("hwmon:coretemp#1/Package id 1", "k")).isEqualTo(
                new SysfsRef(SysfsRef.Kind.HWMON, "coretemp", 1, "Package id 1"));
        assertThat(SysfsRef.parse("supply:BAT0", "k").kind()).isEqualTo(SysfsRef.Kind.SUPPLY);
        assertThat(SysfsRef.parse("supply:BAT0/voltage_now", "k").attribute()).isEqualTo("voltage_now");
        assertThat(SysfsRef.parse("zone:x86_pkg_temp", "k").kind()).isEqualTo(SysfsRef.Kind.ZONE);
        assertThat(SysfsRef.parse("cooling:Fan", "k").kind()).isEqualTo(SysfsRef.Kind.COOLING);
        assertThat(SysfsRef.parse("path:class/gpio/gpio17/value", "k").device()).isEqualTo("class/gpio/gpio17/value");
        assertThat(SysfsRef.parse("hwmon:coretemp#1/Package id 1", "k")).hasToString("hwmon:coretemp#1/Package id 1");
    }

    @Test
    void aBadReferenceNamesItsKey() {
        assertThatThrownBy(() -> SysfsRef.parse("ina3221/in1_input", "options.bus"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("options.bus: 'ina3221/in1_input': unknown form");
        assertThatThrownBy(() -> SysfsRef.parse("path:../../etc/shadow", "options.heater"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("without '..'");
        assertThatThrownBy(() -> SysfsRef.parse("hwmon:ina3221", "k")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("hwmon:CHIP/ATTR");
    }

    @Test
    void resolvesHwmonChipsByNameAndInstanceNotByNumber() {
        FakeSysfs fake = new FakeSysfs(root).hwmon(3, "coretemp").hwmon(3, "temp1_input", 41000)
                .hwmon(7, "coretemp").hwmon(7, "temp1_input", 52000).hwmon(7, "temp1_label", "Package id 1");
        SysfsTree tree = fake.tree();
        assertThat(SysfsRef.parse("hwmon:coretemp/temp1_input", "k").resolve(tree, null))
                .contains(root.resolve("class/hwmon/hwmon3/temp1_input"));
        assertThat(SysfsRef.parse("hwmon:coretemp#1/Package id 1", "k").resolve(tree, null))
                .contains(root.resolve("class/hwmon/hwmon7/temp1_input"));
        String[] why = new String[1];
        assertThat(SysfsRef.parse("hwmon:nct6775/pwm1", "k").resolve(tree, why)).isEmpty();
        assertThat(why[0]).contains("hwmon:nct6775/pwm1").contains("not found");
    }

    @Test
    void resolvesThermalZonesByType() {
        FakeSysfs fake = new FakeSysfs(root).zone(0, "acpitz", 27800).zone(1, "x86_pkg_temp", 45000);
        assertThat(SysfsRef.parse("zone:x86_pkg_temp", "k").resolve(fake.tree(), null))
                .contains(root.resolve("class/thermal/thermal_zone1/temp"));
        assertThat(SysfsRef.parse("zone:thermal_zone0", "k").resolve(fake.tree(), null))
                .contains(root.resolve("class/thermal/thermal_zone0/temp"));
    }

    @Property(tries = 500)
    void anyTextEitherParsesOrIsAConfigError(@ForAll String text) {
        try {
            SysfsRef ref = SysfsRef.parse(text, "k");
            assertThat(ref.toString()).isNotEmpty();
        } catch (ConfigException e) {
            assertThat(e.key()).isEqualTo("k");
        }
    }
}
