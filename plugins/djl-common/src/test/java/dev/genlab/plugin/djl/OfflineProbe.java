package dev.genlab.plugin.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Run in a child JVM by {@link TestOfflineEngine}: reports whether the network is reachable, then loads the
 * engine through {@link DjlEngine} and computes something with it.
 */
public final class OfflineProbe {
    private OfflineProbe() {
    }

    public static void main(String[] args) throws Exception {
        String network;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("1.1.1.1", 443), 2000);
            network = "reachable";
        } catch (Exception e) {
            network = "unreachable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
        System.out.println("network " + network);
        System.out.println("offline property before engine " + System.getProperty("ai.djl.offline"));
        try (NDManager manager = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            NDArray x = manager.create(new float[] {1, 2, 3, 4}).reshape(2, 2);
            float sum = x.matMul(x).sum().getFloat();
            System.out.println("engine " + DjlEngine.describe());
            System.out.println("offline property " + System.getProperty("ai.djl.offline") + " tracking " + System.getProperty("OPT_OUT_TRACKING"));
            System.out.println("result " + sum);
        }
    }
}
