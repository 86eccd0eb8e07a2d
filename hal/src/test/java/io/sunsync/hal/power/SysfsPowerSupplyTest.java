package io.sunsync.hal.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.sysfs.FakeSysfs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Battery and input supplies in the units of Documentation/ABI/testing/sysfs-class-power. */
class SysfsPowerSupplyTest {
    @TempDir
    Path root;

    @Test
    void readsAnEnergyBatteryInTheRecordsUnits() {
        FakeSysfs fake = new FakeSysfs(root).energyBattery("BAT0");
        SysfsPowerSupply.Snapshot s = new SysfsPowerSupply("BAT0", SysfsPowerSupply.CurrentSign.AUTO).read(fake.tree());
        assertThat(s.type()).isEqualTo("Battery");
        assertThat(s.voltageV().value()).isCloseTo(12.2, within(1e-9));
        assertThat(s.currentA().value()).isCloseTo(-1.6, within(1e-9));
        // no power_now: derived as voltage x current, negative while discharging
        assertThat(s.powerW().value()).isCloseTo(-19.52, within(1e-9));
        assertThat(s.energyWh().value()).isCloseTo(30.0, within(1e-9));
        assertThat(s.energyFullWh().value()).isCloseTo(50.0, within(1e-9));
        assertThat(s.capacityPct().value()).isEqualTo(60.0);
    }

    @Test
    void aDriverReportingPositiveCurrentWhileDischargingIsReadNegativeFromItsStatus() {
        FakeSysfs fake = new FakeSysfs(root).energyBattery("BAT0").attr("power_supply", "BAT0", "current_now", 1_600_000)
                .attr("power_supply", "BAT0", "power_now", 19_520_000);
        SysfsPowerSupply.Snapshot auto = new SysfsPowerSupply("BAT0", SysfsPowerSupply.CurrentSign.AUTO).read(fake.tree());
        assertThat(auto.currentA().value()).isCloseTo(-1.6, within(1e-9));
        assertThat(auto.powerW().value()).isCloseTo(-19.52, within(1e-9));
        SysfsPowerSupply.Snapshot kernel = new SysfsPowerSupply("BAT0", SysfsPowerSupply.CurrentSign.KERNEL).read(fake.tree());
        assertThat(kernel.currentA().value()).isCloseTo(1.6, within(1e-9));
        SysfsPowerSupply.Snapshot inverted = new SysfsPowerSupply("BAT0", SysfsPowerSupply.CurrentSign.INVERTED)
                .read(fake.tree());
        assertThat(inverted.currentA().value()).isCloseTo(-1.6, within(1e-9));
    }

    @Test
    void chargingIsPositiveWhateverSignTheDriverUses() {
        FakeSysfs fake = new FakeSysfs(root).energyBattery("BAT0").attr("power_supply", "BAT0", "status", "Charging")
                .attr("power_supply", "BAT0", "current_now", -2_000_000);
        assertThat(new SysfsPowerSupply("BAT0", SysfsPowerSupply.CurrentSign.AUTO).read(fake.tree()).currentA().value())
                .isCloseTo(2.0, within(1e-9));
    }

    @Test
    void aChargeGaugeBatteryHasItsEnergyDerivedFromChargeAndDesignVoltage() {
        FakeSysfs fake = new FakeSysfs(root);
        fake.attr("power_supply", "battery", "type", "Battery");
        fake.attr("power_supply", "battery", "status", "Full");
        fake.attr("power_supply", "battery", "voltage_now", 4_180_000);
        fake.attr("power_supply", "battery", "voltage_min_design", 3_700_000);
        fake.attr("power_supply", "battery", "current_now", 0);
        fake.attr("power_supply", "battery", "charge_now", 2_900_000);
        fake.attr("power_supply", "battery", "charge_full", 3_000_000);
        SysfsPowerSupply.Snapshot s = new SysfsPowerSupply("battery", SysfsPowerSupply.CurrentSign.AUTO).read(fake.tree());
        assertThat(s.energyWh().value()).isCloseTo(2.9 * 3.7, within(1e-9));
        assertThat(s.energyFullWh().value()).isCloseTo(3.0 * 3.7, within(1e-9));
        // no capacity attribute: energy / full energy
        assertThat(s.capacityPct().value()).isCloseTo(100.0 * 2.9 / 3.0, within(1e-9));
    }

    @Test
    void aSupplyWithoutTheAttributesIsMissingNotAnError() {
        FakeSysfs fake = new FakeSysfs(root).attr("power_supply", "AC", "type", "Mains").attr("power_supply", "AC", "online", 1);
        SysfsPowerSupply.Snapshot s = new SysfsPowerSupply("AC", SysfsPowerSupply.CurrentSign.AUTO).read(fake.tree());
        assertThat(s.online()).isEqualTo(1);
        assertThat(s.powerW().fault()).isEqualTo(FaultCode.SENSOR_MISSING);
        assertThat(s.capacityPct().fault()).isEqualTo(FaultCode.SENSOR_MISSING);
        assertThat(new SysfsPowerSupply("BAT9", SysfsPowerSupply.CurrentSign.AUTO).read(fake.tree()).present()).isFalse();
    }
}
