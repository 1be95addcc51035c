package dev.genlab.spi;

import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Records the SPI version a plugin is compiled against as {@link SpiVersion#RESOURCE} in its class output. javac
 * finds this processor through {@code META-INF/services/javax.annotation.processing.Processor} in genlab-spi on the
 * compile classpath (or the processor path); it claims no annotation and changes no class.
 */
public final class SpiVersionRecorder extends AbstractProcessor {
    private boolean written;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (written || round.processingOver()) {
            return false;
        }
        written = true;
        try {
            FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", SpiVersion.RESOURCE);
            try (Writer out = file.openWriter()) {
                out.write(SpiVersion.CURRENT + "\n");
            }
        } catch (FilerException e) {
            // already written in this compilation
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING, "cannot record the genlab SPI version in "
                    + SpiVersion.RESOURCE + ": " + e.getMessage() + "; genlab will not tell whether this plugin needs a newer SPI");
        }
        return false;
    }
}
