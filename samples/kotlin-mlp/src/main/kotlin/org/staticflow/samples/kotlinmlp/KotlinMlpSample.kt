package org.staticflow.samples.kotlinmlp

import java.nio.file.Path
import java.util.concurrent.Callable
import org.staticflow.kotlin.exponentialDecay
import org.staticflow.kotlin.gradientDescent
import org.staticflow.kotlin.train
import org.staticflow.runtime.cli.SampleProgram
import org.staticflow.runtime.data.DataSet
import org.staticflow.runtime.report.ProgressBar
import org.staticflow.runtime.report.TrainingCurves
import org.staticflow.runtime.tensor.FloatTensor
import org.staticflow.samples.tutorials.MnistData
import org.staticflow.samples.tutorials.PythonFormat
import picocli.CommandLine.Command
import picocli.CommandLine.Model.CommandSpec
import picocli.CommandLine.Option
import picocli.CommandLine.Spec

/**
 * `staticflow sample kotlin-mlp`: TensorFlow's `mnist_train.py` ("best practice" tutorial) in Kotlin. Trains
 * the Kotlin-declared [MnistMlp] with the training DSL exactly as the tutorial does (batch 100, gradient
 * descent at `exponential_decay(0.8, global_step, train_size / 100, 0.99, staircase=True)`, moving averages
 * with decay 0.99, a checkpoint `model.ckpt-N` every 500 steps) and prints its loss lines. The Java
 * `staticflow sample evaluate --model-dir DIR` reads the checkpoints (with the moving-average mapping).
 */
class KotlinMlpSample : SampleProgram {
    override fun command(): Any = Train()

    @Command(
        name = "kotlin-mlp",
        header = ["Train the MNIST MLP declared and trained in Kotlin (mnist_train.py with the Kotlin DSL)."],
        description = ["Checkpoints go to --model-dir every 500 steps, with the moving averages that"
            + " 'staticflow sample evaluate --model-dir DIR' restores; training curves go to training-curves.png there."],
    )
    class Train : Callable<Int> {
        @Spec
        lateinit var spec: CommandSpec

        @Option(names = ["--steps"], defaultValue = "30000", paramLabel = "N",
            description = ["Training steps (default: \${DEFAULT-VALUE}, the tutorial's TRAINING_STEPS)."])
        var steps: Int = 30000

        @Option(names = ["--data"], paramLabel = "DIR",
            description = ["The full MNIST files (default: the embedded subset)."])
        var data: Path? = null

        @Option(names = ["--model-dir"], defaultValue = "model-kotlin", paramLabel = "DIR",
            description = ["Where to write the checkpoints (default: \${DEFAULT-VALUE})."])
        lateinit var modelDir: Path

        @Option(names = ["--seed"], defaultValue = "0", paramLabel = "N",
            description = ["Seeds the variables' initial values and the batch order (default: \${DEFAULT-VALUE})."])
        var seed: Long = 0

        override fun call(): Int {
            val out = spec.commandLine().out
            if (steps <= 0) {
                throw IllegalArgumentException("--steps must be positive, got $steps")
            }
            out.println("Training on ${MnistData.describe(data)}")
            out.flush()
            val mnist = MnistData.load(data, seed)
            val curves = TrainingCurves()
            val validation = ValidationAccuracy(mnist.validation())
            // A bar only on a terminal: when the output is captured (tests, logs) the loss lines suffice.
            val bar = if (System.console() != null) ProgressBar.console(steps.toLong(), "steps") else null

            val result = train(Staticflow_MnistMlp()) {
                optimizer = gradientDescent(
                    learningRate = exponentialDecay(
                        learningRate = LEARNING_RATE_BASE,
                        decaySteps = (mnist.train().size() / BATCH_SIZE).toLong(),
                        decayRate = LEARNING_RATE_DECAY,
                        staircase = true,
                    ),
                )
                steps = this@Train.steps
                batchSize = BATCH_SIZE
                seed = this@Train.seed
                movingAverage(decay = MOVING_AVERAGE_DECAY)
                data(mnist.train()) { x() to labels() }
                checkpointEvery(CHECKPOINT_STEPS, dir = modelDir, maxToKeep = 5)

                onStep(every = 10) { step, loss -> curves.record("loss", step, loss.toDouble()) }
                if (bar != null) onStep { step, loss -> bar.update(step, loss.toDouble()) }
                onStep(every = LOG_STEPS) { step, loss ->
                    if (bar != null) println()
                    out.println("After $step training step(s), loss on training batch is ${PythonFormat.g(loss.toDouble())}.")
                    out.flush()
                }
                onCheckpoint { prefix ->
                    curves.record("validation accuracy", stepOf(prefix), validation.of(model).toDouble())
                }
            }
            bar?.finish()
            val png = modelDir.resolve("training-curves.png")
            curves.writePng(png)
            out.println("Saved ${result.checkpoints.last()} (global step ${result.step}); training curves in $png")
            out.flush()
            return 0
        }

        /** The step of a checkpoint prefix `dir/model.ckpt-N`. */
        private fun stepOf(prefix: Path): Long = prefix.fileName.toString().substringAfterLast('-').toLong()
    }

    companion object {
        // mnist_train.py's constants.
        const val BATCH_SIZE = 100
        const val LEARNING_RATE_BASE = 0.8
        const val LEARNING_RATE_DECAY = 0.99
        const val MOVING_AVERAGE_DECAY = 0.99
        const val CHECKPOINT_STEPS = 500
        const val LOG_STEPS = 500
    }
}

/**
 * The validation accuracy of the training model's current (not averaged) variables, for the training
 * curves: computed on a second model instance, so that the training model's batch buffers stay as they are.
 */
private class ValidationAccuracy(private val data: DataSet) {
    private val model = Staticflow_MnistMlp().apply {
        batchSize(data.size())
        System.arraycopy(data.features().data(), 0, x().data(), 0, x().data().size)
        System.arraycopy(data.oneHotLabels().data(), 0, labels().data(), 0, labels().data().size)
    }

    fun of(trained: Staticflow_MnistMlp): Float {
        val source = trained.variableTensors()
        for ((name, tensor) in model.variableTensors()) {
            val from = (source.getValue(name) as FloatTensor).data()
            System.arraycopy(from, 0, (tensor as FloatTensor).data(), 0, from.size)
        }
        model.forward()
        return model.accuracy().data()[0]
    }
}
