package dev.genlab.plugin.djl.train;

import dev.genlab.plugin.djl.nn.Weights;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checkpoints of one model in a directory: {@code epoch-000012.ckpt}, written to a temporary file and moved into
 * place so a crash never leaves a half-written latest checkpoint. The newest {@value #KEEP} are kept.
 */
public final class Checkpoints {
    private static final int MAGIC = 0x474c4350; // "GLCP"
    private static final int KEEP = 2;
    private static final Pattern NAME = Pattern.compile("epoch-(\\d+)\\.ckpt");

    /** A checkpoint read back. */
    public record Checkpoint(Path file, int epoch, String fingerprint, Weights state) {
    }

    private final Path directory;

    public Checkpoints(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public Path write(int epoch, String fingerprint, Weights state) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(String.format("epoch-%06d.ckpt", epoch));
        Path temp = directory.resolve(target.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(epoch);
            out.writeUTF(fingerprint);
            state.write(out);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        List<Path> all = list();
        for (int i = 0; i < all.size() - KEEP; i++) {
            Files.deleteIfExists(all.get(i));
        }
        return target;
    }

    /** The newest checkpoint, if any. */
    public Optional<Checkpoint> latest() throws IOException {
        List<Path> all = list();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(read(all.get(all.size() - 1)));
    }

    public static Checkpoint read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a genlab checkpoint");
            }
            int epoch = in.readInt();
            String fingerprint = in.readUTF();
            return new Checkpoint(file, epoch, fingerprint, Weights.read(in));
        } catch (IOException e) {
            throw new IOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Checkpoint files, oldest epoch first. */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(directory)) {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(files::add);
        }
        files.sort((a, b) -> Integer.compare(epochOf(a), epochOf(b)));
        return files;
    }

    private static int epochOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
