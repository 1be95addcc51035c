package dev.genlab.spark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The loopback connection between the {@code genlab} process and the sweep's Spark driver, which it started with
 * spark-submit (client mode: the driver runs on the same machine). Messages are a type and fields: strings and byte
 * arrays with an int length, ints. The driver speaks first, with the token genlab gave it in its environment.
 */
final class Wire implements AutoCloseable {
    /** The environment variable that hands the driver its token. */
    static final String TOKEN_ENV = "GENLAB_SPARK_TOKEN";

    // driver -> genlab
    /** token, application id, UI address ("" if none). */
    static final int HELLO = 1;
    /** trial index, attempt. */
    static final int STARTED = 2;
    /** trial index, attempt, reason: an attempt failed (Spark may run it again). */
    static final int ATTEMPT_FAILED = 3;
    /** trial index, exit code, attempt, log, zipped run directory. */
    static final int RESULT = 4;
    /** trial index, message: the trial's job ended without a result (cancelled, or every attempt lost). */
    static final int NO_RESULT = 5;

    // genlab -> driver
    /** trial index, label, command (strings, with {@link TrialTask#BUNDLE} and {@link TrialTask#RUNS} placeholders). */
    static final int TRIAL = 10;
    /** cancel every job. */
    static final int CANCEL = 11;
    /** stop the application. */
    static final int SHUTDOWN = 12;

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    Wire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    /** Sends one message: its type, then each field (String, Integer, byte[], or a List of strings). */
    synchronized void send(int type, Object... fields) throws IOException {
        out.writeInt(type);
        for (Object f : fields) {
            if (f instanceof String s) {
                bytes(s.getBytes(StandardCharsets.UTF_8));
            } else if (f instanceof Integer i) {
                out.writeInt(i);
            } else if (f instanceof byte[] b) {
                bytes(b);
            } else if (f instanceof List<?> list) {
                out.writeInt(list.size());
                for (Object item : list) {
                    bytes(String.valueOf(item).getBytes(StandardCharsets.UTF_8));
                }
            } else {
                throw new IllegalArgumentException("cannot send " + f);
            }
        }
        out.flush();
    }

    private void bytes(byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /** The next message's type; -1 at the end of the connection. */
    int type() throws IOException {
        try {
            return in.readInt();
        } catch (java.io.EOFException e) {
            return -1;
        }
    }

    int readInt() throws IOException {
        return in.readInt();
    }

    byte[] readBytes() throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    String readString() throws IOException {
        return new String(readBytes(), StandardCharsets.UTF_8);
    }

    List<String> readStrings() throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(readString());
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
