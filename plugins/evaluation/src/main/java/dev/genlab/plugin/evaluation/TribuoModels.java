package dev.genlab.plugin.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * Trains Tribuo models on {@link EncodedRows} and returns their predictions. Hyper-parameters are fixed so results
 * are comparable across runs: logistic regression 5 epochs of AdaGrad (η 0.1); gradient boosting 50 XGBoost trees
 * (hist, depth 6, η 0.3); random forest 30 CART trees (depth 12, half the features per split). Every learner takes
 * the caller's seed.
 */
final class TribuoModels {
    private static final int EPOCHS = 5;
    private static final int TREES = 50;
    private static final int FOREST = 30;
    /** Held so the level sticks: Tribuo logs every training run at INFO, which would drown the runner's progress. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    private TribuoModels() {
    }

    /**
     * Trains {@code kind} on {@code train} with class labels {@code 0..classes-1} and returns, per row of
     * {@code test}, the probability of each class (0 for a class the training rows lack).
     */
    static double[][] classify(Classifier kind, long seed, List<String> features, EncodedRows train, int[] labels, int classes, EncodedRows test) {
        return classifier(kind, seed, features, train, labels, classes).probabilities(test);
    }

    /** A trained classifier: per row, the probability of each class {@code 0..classes-1}. */
    interface TrainedClassifier {
        double[][] probabilities(EncodedRows rows);
    }

    /** Trains {@code kind} on {@code train} with class labels {@code 0..classes-1}, to predict many row sets. */
    static TrainedClassifier classifier(Classifier kind, long seed, List<String> features, EncodedRows train, int[] labels, int classes) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("genlab evaluation", factory), factory);
        String[] names = names(features);
        for (int r = 0; r < train.rows(); r++) {
            data.add(example(new Label(Integer.toString(labels[r])), names, train, r));
        }
        Model<Label> model = classificationTrainer(kind, seed).train(data);
        return test -> probabilities(model, names, classes, test);
    }

    private static double[][] probabilities(Model<Label> model, String[] names, int classes, EncodedRows test) {
        List<Example<Label>> examples = new ArrayList<>(test.rows());
        for (int r = 0; r < test.rows(); r++) {
            examples.add(example(LabelFactory.UNKNOWN_LABEL, names, test, r));
        }
        List<Prediction<Label>> predictions = model.predict(examples); // in one batch: XGBoost builds one matrix
        double[][] out = new double[test.rows()][classes];
        for (int r = 0; r < test.rows(); r++) {
            Map<String, Label> scores = predictions.get(r).getOutputScores();
            for (int c = 0; c < classes; c++) {
                Label l = scores.get(Integer.toString(c));
                out[r][c] = l == null ? 0 : l.getScore();
            }
        }
        return out;
    }

    /** Trains a regression {@code kind} on {@code train} and predicts {@code test}. */
    static double[] regress(Classifier kind, long seed, List<String> features, EncodedRows train, double[] target, EncodedRows test) {
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("genlab evaluation", factory), factory);
        String[] names = names(features);
        for (int r = 0; r < train.rows(); r++) {
            data.add(example(new Regressor("y", target[r]), names, train, r));
        }
        Model<Regressor> model = regressionTrainer(kind, seed).train(data);
        List<Example<Regressor>> examples = new ArrayList<>(test.rows());
        for (int r = 0; r < test.rows(); r++) {
            examples.add(example(RegressionFactory.UNKNOWN_REGRESSOR, names, test, r));
        }
        List<Prediction<Regressor>> predictions = model.predict(examples);
        double[] out = new double[test.rows()];
        for (int r = 0; r < test.rows(); r++) {
            out[r] = predictions.get(r).getOutput().getValues()[0];
        }
        return out;
    }

    /** Class with the highest probability (the lowest index on ties). */
    static int argmax(double[] probabilities) {
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) {
            if (probabilities[c] > probabilities[best]) {
                best = c;
            }
        }
        return best;
    }

    private static String[] names(List<String> features) {
        String[] out = new String[features.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = "f" + i + ":" + features.get(i); // unique even if a column name looks like a slot name
        }
        return out;
    }

    /** A sparse example: every numeric coordinate, and the one-hot slots that are set (value 1). */
    private static <T extends org.tribuo.Output<T>> Example<T> example(T output, String[] names, EncodedRows rows, int r) {
        int p = rows.numericDims();
        int slots = names.length - p;
        int set = 0;
        for (int w = 0; w < rows.words(); w++) {
            set += Long.bitCount(rows.bits()[r * rows.words() + w]);
        }
        String[] n = new String[p + set];
        double[] v = new double[p + set];
        for (int j = 0; j < p; j++) {
            n[j] = names[j];
            v[j] = rows.numeric()[r * p + j];
        }
        int k = p;
        for (int s = 0; s < slots; s++) {
            if (rows.slot(r, s)) {
                n[k] = names[p + s];
                v[k++] = 1;
            }
        }
        return new ArrayExample<>(output, n, v);
    }

    private static Trainer<Label> classificationTrainer(Classifier kind, long seed) {
        return switch (kind) {
            case LOGISTIC_REGRESSION -> new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), EPOCHS,
                    Integer.MAX_VALUE, 1, seed);
            case GRADIENT_BOOSTING -> new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST, TREES, 0.3, 0, 6, 1, 1, 1,
                    1, 0, threads(), XGBoostTrainer.LoggingVerbosity.SILENT, seed);
            case RANDOM_FOREST -> new RandomForestTrainer<>(new CARTClassificationTrainer(12, 0.5f, seed), new VotingCombiner(), FOREST, seed);
        };
    }

    private static Trainer<Regressor> regressionTrainer(Classifier kind, long seed) {
        return switch (kind) {
            case LOGISTIC_REGRESSION -> new org.tribuo.regression.sgd.linear.LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.1, 0.1), EPOCHS,
                    Integer.MAX_VALUE, 1, seed);
            case GRADIENT_BOOSTING -> new XGBoostRegressionTrainer(XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST,
                    XGBoostRegressionTrainer.RegressionType.LINEAR, TREES, 0.3, 0, 6, 1, 1, 1, 1, 0, threads(), XGBoostTrainer.LoggingVerbosity.SILENT, seed);
            case RANDOM_FOREST -> new RandomForestTrainer<>(new CARTRegressionTrainer(12, 5f, 0f, 0.5f, new org.tribuo.regression.rtree.impurity.MeanSquaredError(),
                    seed), new AveragingCombiner(), FOREST, seed);
        };
    }

    /**
     * One XGBoost thread: its OpenMP workers spin while they wait, which on a busy machine turns seconds into minutes.
     * The metrics parallelise over folds and models instead.
     */
    private static int threads() {
        return 1;
    }
}
