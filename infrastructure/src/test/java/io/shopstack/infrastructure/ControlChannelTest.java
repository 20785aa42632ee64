package io.shopstack.infrastructure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's control socket: owner-only, one line in and out, clear errors (servers themselves: the e2e suite). */
class ControlChannelTest {

    @TempDir
    Path data;

    @Test
    void answersEachCommandWithOneLineAndRefusesWhatItDoesNotKnow() throws Exception {
        Path socket = InfrastructureMain.controlSocket(data);
        EmbeddedInfrastructure nothingStarted = new EmbeddedInfrastructure(InfrastructureSettings.localDefaults(data));
        try (ControlChannel ignored = ControlChannel.open(socket, nothingStarted)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
                    .isEqualTo("rw-------");
            assertThat(ControlChannel.send(socket, "stop redis")).isEqualTo("ok Redis was not running");
            assertThat(ControlChannel.send(socket, "STOP Kafka")).isEqualTo("ok Kafka was not running");
            assertThat(ControlChannel.send(socket, "stop mysql")).startsWith("error unknown server 'mysql'");
            assertThat(ControlChannel.send(socket, "reboot kafka")).startsWith("error usage:");
            assertThat(ControlChannel.send(socket, "")).startsWith("error usage:");
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void aDataFolderTooDeepForAUnixSocketGetsOneInTheTemporaryFolder() {
        Path deep = data.resolve("a".repeat(60)).resolve("b".repeat(60));
        Path socket = InfrastructureMain.controlSocket(deep);
        assertThat(socket.toString().length()).isLessThanOrEqualTo(100);
        assertThat(socket).isEqualTo(InfrastructureMain.controlSocket(deep)); // the launcher and ./platform agree
        assertThat(InfrastructureMain.controlSocket(data)).isEqualTo(data.resolve("run/control.sock"));
    }
}
