package io.sunsync.hal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.hal.thermal.ThermalSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * What each capability's safe state sends: the commands are the behaviour here (a heater command
 * must never be sent, the power system must be sent nothing), so the capabilities are Mockito
 * mocks that run the interfaces' own {@code applySafeState()}.
 */
class SafeStateTest {

    @Test
    void aBoardsSafeStateIsOneDisableAndNothingElse() {
        AcceleratorBoard board = mock(AcceleratorBoard.class, CALLS_REAL_METHODS);
        when(board.setEnabled(false)).thenReturn(CommandResult.success());

        assertThat(board.applySafeState().ok()).isTrue();

        verify(board).setEnabled(false);
        verify(board, never()).setCap(anyDouble());
        verify(board, never()).reset();
        assertThat(board.safeState().outputs()).containsExactly(new SafeState.Output("enabled", "false"));
    }

    @Test
    void theThermalSafeStateSwitchesEveryPumpOnInLoopOrderAndNeverAHeater() {
        ThermalControl thermal = mock(ThermalControl.class, CALLS_REAL_METHODS);
        when(thermal.spec()).thenReturn(new ThermalSpec(List.of(new ThermalSpec.ZoneSpec("plate", 5, 60)),
                List.of("loop-a", "loop-b")));
        when(thermal.setPump(anyString(), anyBoolean())).thenReturn(CommandResult.success());

        assertThat(thermal.applySafeState().ok()).isTrue();

        InOrder order = inOrder(thermal);
        order.verify(thermal).setPump("loop-a", true);
        order.verify(thermal).setPump("loop-b", true);
        verify(thermal, never()).setPump(anyString(), org.mockito.ArgumentMatchers.eq(false));
        verify(thermal, never()).setHeater(anyString(), anyBoolean());
    }

    @Test
    void aFailedPumpIsReportedAndTheNextLoopIsStillSwitchedOn() {
        ThermalControl thermal = mock(ThermalControl.class, CALLS_REAL_METHODS);
        when(thermal.spec()).thenReturn(new ThermalSpec(List.of(), List.of("loop-a", "loop-b")));
        HalFault noFlow = new HalFault(FaultCode.COMMAND_NOT_VERIFIED, "loop-a", "setPump", "no flow",
                Instant.parse("2027-01-01T00:00:00Z"));
        when(thermal.setPump("loop-a", true)).thenReturn(CommandResult.failure(noFlow));
        when(thermal.setPump("loop-b", true)).thenReturn(CommandResult.success());

        CommandResult r = thermal.applySafeState();

        assertThat(r.fault()).isEqualTo(noFlow);
        verify(thermal).setPump("loop-b", true);
    }

    @Test
    void thePowerSystemsSafeStateCommandsNothing() {
        PowerSystem power = mock(PowerSystem.class, CALLS_REAL_METHODS);

        assertThat(power.applySafeState().ok()).isTrue();

        verify(power).applySafeState();
        verifyNoMoreInteractions(power);
        assertThat(power.safeState().commandsNothing()).isTrue();
    }
}
