package org.staticflow.processor.diagnostics;

import java.util.List;

/**
 * Every message text of the compiler, in one place (as MapStruct keeps its message catalogue), so that
 * wording stays consistent: say what was expected and what was found, with TensorFlow's shape notation
 * ({@code [?, 784]}, {@code ?} the batch dimension).
 */
public final class Messages {
  private Messages() {}

  // Declarations (discovery).

  public static String modelNotInterface(String type) {
    return "@Model " + type + " must be an interface";
  }

  public static String noOutputs(String type) {
    return "@Model " + type + " has no @Output or @Loss; expected at least one";
  }

  public static String recursiveLayer(String type) {
    return "layer type " + type + " contains itself";
  }

  public static String unannotatedMember(String member) {
    return "abstract member " + member + "() has no @Input, @Variable, @Layer, @Output or @Loss, so the generated class"
        + " cannot implement it";
  }

  public static String genericScope(String type) {
    return type + " has type parameters; model and layer types cannot be generic";
  }

  public static String notAbstract(String member) {
    return member + "() must be abstract (not static, default or private): the generated class implements it";
  }

  public static String inheritedMember(String member, String owner) {
    return "abstract member " + member + "() is inherited from " + owner
        + "; declare model members in the model or layer type itself";
  }

  public static String severalRoles(String member) {
    return member + "() has more than one of @Input, @Variable, @Layer, @Output, @Loss; expected exactly one";
  }

  public static String inputInLayer() {
    return "@Input is allowed only in a @Model; a layer receives tensors as function parameters";
  }

  public static String duplicateScope(String scope) {
    return "two layer members use the scope name '" + scope + "'";
  }

  public static String duplicateNode(String name) {
    return "node name '" + name + "' is used twice";
  }

  public static String duplicateVariable(String name) {
    return "variable '" + name + "' is declared twice";
  }

  public static String negativeDimension(String shape) {
    return "input shape " + shape + ": expected sizes >= 0 or -1 for the batch dimension";
  }

  public static String severalBatchDimensions(String shape) {
    return "input shape " + shape + ": expected at most one batch dimension (-1)";
  }

  public static String variableShape(String name, String shape) {
    return "variable '" + name + "' shape " + shape + ": expected sizes >= 0 (variables have no batch dimension)";
  }

  public static String boolVariable(String name) {
    return "variable '" + name + "': expected dtype float32, int32 or int64, found bool";
  }

  public static String notALayer(String member, String type) {
    return "@Layer member " + member + "() returns " + type + ", which is not a @Layer interface";
  }

  public static String badScopeName(String scope) {
    return "scope name '" + scope + "': expected a non-empty name without '/'";
  }

  public static String parameterNotTensor(String member, String parameter) {
    return "layer function " + member + "(): parameter " + parameter + " must be a Tensor";
  }

  public static String functionOutsideLayer(String member) {
    return member + "() has parameters; only @Output members of a @Layer type may (layer functions)";
  }

  public static String unknownDtype(String name) {
    return "unknown dtype '" + name + "'; expected float32, int32, int64 or bool";
  }

  public static String accessorWithParameters(String member) {
    return member + "() must have no parameters";
  }

  public static String notTensor(String member, String type) {
    return member + "() returns " + type + "; expected org.staticflow.runtime.tensor.Tensor or one of its classes";
  }

  public static String returnTypeDtype(String member, String returned, String dtype, String expected) {
    return member + "() returns " + returned + " but its value is " + dtype + "; expected Tensor or " + expected;
  }

  // Expressions (lowering).

  public static String unknownName(String name, List<String> known) {
    return "unknown name '" + name + "'; expected one of " + known;
  }

  public static String unknownOp(String name, String suggestion) {
    return "unknown function '" + name + "'" + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?");
  }

  public static String notCallable(String name) {
    return "'" + name + "' is a tensor, not a function";
  }

  public static String layerAsTensor(String name) {
    return "'" + name + "' is a layer, not a tensor; apply it: " + name + "(x)";
  }

  public static String functionAsTensor(String name) {
    return "'" + name + "' is a layer function, not a tensor; call it";
  }

  public static String notATensorLiteral(String what) {
    return "expected a tensor, found " + what;
  }

  public static String ambiguousLayerCall(String layer, String type, List<String> functions) {
    return "layer " + layer + " (" + type + ") has " + functions.size() + " layer functions " + functions
        + "; expected exactly one, or name it: " + layer + ".f(x)";
  }

  public static String unknownLayerFunction(String function, String type, List<String> functions) {
    return "layer type " + type + " has no layer function '" + function + "'; expected one of " + functions;
  }

  public static String argumentCount(String function, int required, List<String> parameters, int given) {
    return function + "() takes " + (required == parameters.size() ? "" : "at least ") + required + " argument"
        + (required == 1 ? "" : "s") + " " + parameters + ", found " + given;
  }

  public static String unknownKeyword(String function, String keyword, List<String> parameters) {
    return function + "() has no argument '" + keyword + "'; expected one of " + parameters;
  }

  public static String repeatedKeyword(String function, String keyword) {
    return function + "() got argument '" + keyword + "' twice";
  }

  public static String expectedConstant(String function, String parameter, String expected) {
    return function + "(): " + parameter + " must be " + expected + " written in the expression (a compile-time constant)";
  }

  public static String padding(String function, String found) {
    return function + "(): padding must be \"SAME\" or \"VALID\", found \"" + found + "\"";
  }

  public static String dataFormat(String function) {
    return function + "(): only data_format=\"NHWC\" is supported";
  }

  public static String unsupportedArgument(String function, String parameter) {
    return function + "(): argument '" + parameter + "' is not supported";
  }

  public static String windowVector(String function, String parameter, String found) {
    return function + "(): " + parameter + " must be [1, h, w, 1] with h, w >= 1, found " + found;
  }

  public static String lastAxisOnly(String function) {
    return function + "(): only the last axis (-1) is supported";
  }

  public static String floatOnly(String function, String parameter) {
    return function + "(): " + parameter + " must be float32";
  }

  public static String negative(String function, String parameter, int value) {
    return function + "(): " + parameter + " must not be negative, found " + value;
  }

  public static String severalMinusOne(String function) {
    return function + "(): at most one -1 in shape";
  }

  public static String expectedTensorList(String function) {
    return function + "(): values must be a non-empty list of tensors [a, b, ...]";
  }

  public static String keepProbOrRate(String function) {
    return function + "(): expected exactly one of keep_prob and rate";
  }

  public static String unknownActivation(String found) {
    return "dense(): activation must be None, relu, relu6, sigmoid, tanh or softmax, found " + found;
  }

  public static String reusedVariableShape(String name, String existing, String requested) {
    return "variable '" + name + "' is reused with shape " + requested + " but was created with " + existing;
  }

  public static String appliedBy(String member, int column, String text) {
    return "applied by " + member + "() at column " + column + " of \"" + text + "\"";
  }

  public static String outputCycle(String member) {
    return "output " + member + "() depends on itself";
  }

  public static String lossNotScalar(String member, String type) {
    return "loss " + member + "(): expected a float32 scalar, found " + type;
  }

  public static String unknownInitializer(String found) {
    return "unknown initializer '" + found
        + "'; expected zeros, ones, constant(v), random_uniform, random_normal, truncated_normal or glorot_uniform";
  }

  public static String randomIntegerInitializer(String name, String dtype) {
    return "initializer " + name + " needs float32, found " + dtype + "; integer variables take zeros, ones or constant(v)";
  }

  public static String unknownRegularizer(String found) {
    return "unknown regularizer '" + found + "'; expected l2(scale)";
  }

  // Type rules (passes).

  public static String innerDimensions(String function, String a, String b) {
    return function + ": inner dimensions differ: " + a + " @ " + b;
  }

  public static String noBroadcast(String function, String a, String b) {
    return function + ": shapes " + a + " and " + b + " do not broadcast";
  }

  public static String biasSize(String function, String x, String bias) {
    return function + ": bias " + bias + " must match the last dimension of " + x;
  }

  public static String labelsLogitsDiffer(String function, String labels, String logits) {
    return function + ": labels " + labels + " and logits " + logits + " must have the same shape";
  }

  public static String sparseLabels(String function, String labels, String logits) {
    return function + ": labels " + labels + " must have the shape of logits " + logits + " without its last dimension";
  }

  public static String convChannels(String function, String input, String filter) {
    return function + ": input channels differ: input " + input + ", filter " + filter;
  }

  public static String dynamicSpatial(String function, String shape) {
    return function + ": only the batch dimension may be unknown, found " + shape;
  }

  public static String permLength(String function, String perm, String shape) {
    return function + ": perm " + perm + " does not match the rank of " + shape;
  }

  public static String notPermutation(String function, String perm) {
    return function + ": perm " + perm + " is not a permutation";
  }

  public static String concatBatch(String function) {
    return function + ": cannot concatenate along the batch dimension";
  }

  public static String concatRanks(String function, String a, String b) {
    return function + ": ranks differ: " + a + " and " + b;
  }

  public static String concatShapes(String function, int axis, String a, String b) {
    return function + ": shapes " + a + " and " + b + " differ outside axis " + axis;
  }

  public static String unsupportedCast(String function, String from, String to) {
    return function + ": cannot cast " + from + " to " + to;
  }

  public static String expectedIntegers(String function, String what, String found) {
    return function + ": " + what + " must be int32 or int64, found " + found;
  }

  public static String expectedFloat(String function, String found) {
    return function + ": expected float32, found " + found;
  }

  public static String expectedScalar(String function, String what, String found) {
    return function + ": " + what + " must be a scalar, found " + found;
  }

  public static String boolEqual(String function) {
    return function + ": expected float32, int32 or int64 operands, found bool; cast them first";
  }

  public static String cannotWrite(String type, String reason) {
    return "cannot write generated class " + type + ": " + reason;
  }

  public static String dtypesDiffer(String function, String a, String b) {
    return function + ": dtypes differ: " + a + " and " + b;
  }

  public static String rank(String function, int rank, String found) {
    return function + ": expected rank " + rank + ", found " + found;
  }

  public static String rankAtLeast(String function, int rank, String found) {
    return function + ": expected rank >= " + rank + ", found " + found;
  }

  public static String axisOutOfRange(String function, int axis, String shape) {
    return function + ": axis " + axis + " is out of range for " + shape;
  }

  public static String reshape(String function, String from, String to) {
    return function + ": cannot reshape " + from + " into " + to;
  }

  // Frozen graphs (@Model(graph = ...)).

  public static String graphModelMember(String type, String member) {
    return "@Model(graph = ...) " + type + " declares " + member + "(); a graph model has no members of its own: feed"
        + " and read it through input(name) and output(name) with the graph's node names";
  }

  public static String emptyGraphPath(String type) {
    return "@Model " + type + ": graph must name a GraphDef file (.pb or .pbtxt), found an empty string";
  }

  public static String graphModelNoOutputs(String type) {
    return "@Model(graph = ...) " + type + " names no outputs; expected at least one node name in outputs";
  }

  public static String graphNotFound(String path, List<String> searched) {
    return "graph file " + path + " not found; looked in " + String.join(", ", searched)
        + " (add its directory to the processor option -Astaticflow.resourcePath=DIR[" + java.io.File.pathSeparator + "DIR...])";
  }

  public static String graphUnreadable(String path, String reason) {
    return "graph file " + path + " is not a TensorFlow GraphDef: " + reason;
  }

  public static String unknownGraphNode(String role, String name, String suggestion) {
    return role + " " + name + " is not a node of the graph" + (suggestion == null ? "" : "; did you mean " + suggestion + "?");
  }

  public static String notAPlaceholder(String name, String op) {
    return "input " + name + " must be a Placeholder node, found " + op;
  }

  public static String unfedPlaceholder(String name) {
    return "the outputs need Placeholder " + name + ", which is not among the inputs; expected it in inputs";
  }

  public static String unsupportedOps(List<String> nodes) {
    return "the graph uses ops the compiler does not implement: " + String.join(", ", nodes);
  }

  public static String graphNode(String node, String op, String problem) {
    return "node " + node + " (" + op + "): " + problem;
  }

  public static String graphCycle(String node) {
    return "node " + node + " depends on itself; a frozen graph must be acyclic";
  }

  // Processor.

  public static String internal(String trace) {
    return "the Staticflow processor failed; please report this with the model. " + trace;
  }

  public static String unresolvedType(String type) {
    return "type " + type + " does not exist (after all annotation processing rounds)";
  }

  // Differentiation.

  public static String lossNotTrainable(String loss) {
    return "@Loss " + loss + "() does not depend on any trainable variable, so training cannot change it; expected a"
        + " loss computed from at least one @Variable with trainable = true";
  }

  public static String noGradient(String loss, String function, String variable) {
    return "@Loss " + loss + "() depends on trainable variable " + variable + " only through " + function
        + ", which has no gradient; its gradient with respect to every trainable variable would be zero";
  }

  public static String reservedMember(String member) {
    return member + "() is a method of the generated class (CompiledModel, TrainableModel); rename the member";
  }
}
