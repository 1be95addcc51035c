package dev.genlab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The genlab side and the driver talk over loopback: every field arrives as sent, and the end reads as -1. */
class TestWire {
    @Test
    void messagesRoundTripOverLoopback() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Wire driver = new Wire(new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                Wire genlab = new Wire(server.accept())) {
            String log = "é".repeat(70_000); // longer than DataOutputStream.writeUTF allows
            byte[] run = {1, 2, 3, 0, -1};
            driver.send(Wire.HELLO, "token", "app-1", "");
            driver.send(Wire.RESULT, 2, 1, 0, log, run);
            genlab.send(Wire.TRIAL, 3, "seed=1", 2, List.of("run", "{bundle}/experiment/e.conf"));

            assertEquals(Wire.HELLO, genlab.type());
            assertEquals(List.of("token", "app-1", ""), List.of(genlab.readString(), genlab.readString(), genlab.readString()));
            assertEquals(Wire.RESULT, genlab.type());
            assertEquals(List.of(2, 1, 0), List.of(genlab.readInt(), genlab.readInt(), genlab.readInt()));
            assertEquals(log, genlab.readString());
            assertArrayEquals(run, genlab.readBytes());

            assertEquals(Wire.TRIAL, driver.type());
            assertEquals(3, driver.readInt());
            assertEquals("seed=1", driver.readString());
            assertEquals(2, driver.readInt());
            assertEquals(List.of("run", "{bundle}/experiment/e.conf"), driver.readStrings());
            genlab.close();
            assertEquals(-1, driver.type(), "the other side went away");
        }
    }
}
