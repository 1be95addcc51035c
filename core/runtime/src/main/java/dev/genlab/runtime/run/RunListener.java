package dev.genlab.runtime.run;

import dev.genlab.spi.Progress;

/** What the user sees while a run goes: phases and progress bars (the CLI draws them; tests ignore them). */
public interface RunListener {
    /** A new phase began, e.g. "loading dataset 'adult'". */
    void phase(String description);

    /** A progress bar for a unit of work. */
    Progress progress(String task, long total, String unit);

    RunListener SILENT = new RunListener() {
        @Override
        public void phase(String description) {
        }

        @Override
        public Progress progress(String task, long total, String unit) {
            return Progress.none();
        }
    };
}
