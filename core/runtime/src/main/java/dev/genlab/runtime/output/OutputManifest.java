package dev.genlab.runtime.output;

import dev.genlab.runtime.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code outputs.json}: every file a run (or {@code genlab sample}) wrote, with its SHA-256 and size, so a file
 * found later can be traced to what made it ({@code genlab trace}). In MLflow each output is also a tag
 * {@code genlab.output.<sha256> = <path>}, which is what {@code trace} searches for when the local store does not
 * have the run.
 *
 * @param outputs path (relative to the run's artifacts, or absolute for {@code sample}) to its entry
 */
public record OutputManifest(List<Output> outputs) {
    public static final String FILE = "outputs.json";
    /** The prefix of the per-output MLflow tag; the rest of the key is the file's sha256. */
    public static final String TAG_PREFIX = "genlab.output.";

    /** One file: where it is, its SHA-256 (hex) and size in bytes. */
    public record Output(String path, String sha256, long bytes) {
    }

    public OutputManifest {
        outputs = List.copyOf(outputs);
    }

    /** Every regular file under {@code artifacts}, paths relative to it with '/', sorted. */
    public static OutputManifest ofDirectory(Path artifacts) throws IOException {
        List<Output> out = new ArrayList<>();
        if (Files.isDirectory(artifacts)) {
            try (Stream<Path> files = Files.walk(artifacts)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.add(new Output(artifacts.relativize(f).toString().replace('\\', '/'), FileDigest.sha256(f), Files.size(f)));
                }
            }
        }
        return new OutputManifest(out);
    }

    public static OutputManifest of(Path file, String path) throws IOException {
        return new OutputManifest(List.of(new Output(path, FileDigest.sha256(file), Files.size(file))));
    }

    /** The output with this digest, if any. */
    public Optional<Output> find(String sha256) {
        return outputs.stream().filter(o -> o.sha256().equals(sha256)).findFirst();
    }

    /** The MLflow tags: one per output, {@code genlab.output.<sha256> = path}. */
    public Map<String, String> tags() {
        Map<String, String> t = new LinkedHashMap<>();
        outputs.forEach(o -> t.put(TAG_PREFIX + o.sha256(), o.path()));
        return t;
    }

    public byte[] json() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Output o : outputs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", o.path());
            m.put("sha256", o.sha256());
            m.put("bytes", o.bytes());
            list.add(m);
        }
        return Json.bytes(Map.of("outputs", list));
    }

    /** The manifest in {@code directory}, or empty when it has none (a run that ended before writing one). */
    public static OutputManifest read(Path directory) throws IOException {
        Path f = directory.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return new OutputManifest(List.of());
        }
        List<Output> out = new ArrayList<>();
        if (Json.readMap(f).get("outputs") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && m.get("sha256") != null) {
                    out.add(new Output(String.valueOf(m.get("path")), String.valueOf(m.get("sha256")),
                            m.get("bytes") instanceof Number n ? n.longValue() : -1));
                }
            }
        }
        return new OutputManifest(out);
    }
}
