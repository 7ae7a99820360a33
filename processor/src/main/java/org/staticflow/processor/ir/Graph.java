package org.staticflow.processor.ir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IR of one model: nodes in creation (topological) order, variables in declaration order, and the
 * model members that expose inputs, outputs and losses. Node names are unique, made so by TensorFlow's
 * rule ({@link #uniqueName(String)}).
 */
public final class Graph {
  private final List<Node> nodes = new ArrayList<>();
  private final List<VariableDef> variables = new ArrayList<>();
  private final Map<String, Node> inputs = new LinkedHashMap<>();
  private final Map<String, Node> outputs = new LinkedHashMap<>();
  private final List<String> losses = new ArrayList<>();
  private final Map<String, Integer> nameCounts = new HashMap<>();
  private final Map<VariableDef, Node> gradients = new LinkedHashMap<>();
  private final Map<String, String> notes = new HashMap<>();
  private Node totalLoss;
  private int nextId;
  private int backwardStart = Integer.MAX_VALUE;

  /**
   * TensorFlow's {@code Graph.unique_name}: {@code base} the first time, then {@code base_1},
   * {@code base_2}, ..., skipping names already in use (compared case-insensitively, as TensorFlow does).
   * Marks the returned name as used.
   */
  public String uniqueName(String base) {
    String key = base.toLowerCase(java.util.Locale.ROOT);
    int i = nameCounts.getOrDefault(key, 0);
    nameCounts.put(key, i + 1);
    if (i == 0) {
      return base;
    }
    String candidate = key;
    while (nameCounts.containsKey(candidate)) {
      candidate = key + "_" + i;
      i++;
    }
    nameCounts.put(candidate, 1);
    return base + "_" + (i - 1);
  }

  /** Whether {@code name} has been handed out or reserved. */
  public boolean isTaken(String name) {
    return nameCounts.containsKey(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** Reserves an explicit name; false if it is taken already. */
  public boolean reserve(String name) {
    String key = name.toLowerCase(java.util.Locale.ROOT);
    if (nameCounts.containsKey(key)) {
      return false;
    }
    nameCounts.put(key, 1);
    return true;
  }

  /** Appends a node whose name was obtained from {@link #uniqueName} or {@link #reserve}. */
  public Node add(String name, Op op, List<Node> inputs, TensorType type) {
    Node node = new Node(nextId++, name, op, inputs, type);
    nodes.add(node);
    return node;
  }

  public void addVariable(VariableDef variable) {
    variables.add(variable);
  }

  /**
   * Marks every node added from now on as part of the backward pass (computed by {@code computeGradients()},
   * not by {@code forward()}).
   */
  public void beginBackward() {
    backwardStart = nextId;
  }

  /** Whether {@code node} belongs to the backward pass (was added after {@link #beginBackward()}). */
  public boolean isBackward(Node node) {
    return node.id() >= backwardStart;
  }

  /** Records the total loss (the sum of the losses and regularization losses) that training minimises. */
  public void setTotalLoss(Node node) {
    totalLoss = node;
  }

  /** The total loss node, or null for a model without {@code @Loss}. */
  public Node totalLoss() {
    return totalLoss;
  }

  /**
   * Records {@code gradient} as d(total loss)/d{@code variable}; {@code null} means the gradient is zero (no
   * differentiable path from the variable to the loss).
   */
  public void setGradient(VariableDef variable, Node gradient) {
    gradients.put(variable, gradient);
  }

  /** The gradient of every trainable variable, in declaration order; a null value is a zero gradient. */
  public Map<VariableDef, Node> gradients() {
    return Collections.unmodifiableMap(gradients);
  }

  /** Attaches a remark for people reading the generated code (what a gradient node is the gradient of). */
  public void note(Node node, String text) {
    notes.put(node.name(), text);
  }

  /** The remark attached to {@code node}, or null. */
  public String noteOf(Node node) {
    return notes.get(node.name());
  }

  /** Records that model member {@code member} feeds input {@code node}. */
  public void addInput(String member, Node node) {
    inputs.put(member, node);
  }

  /** Records that model member {@code member} reads {@code node}; {@code loss} marks {@code @Loss}. */
  public void addOutput(String member, Node node, boolean loss) {
    outputs.put(member, node);
    if (loss) {
      losses.add(member);
    }
  }

  /** {@code roots} and every node they read, transitively (the part of the graph that computing them runs). */
  public static Set<Node> ancestors(Collection<Node> roots) {
    Set<Node> seen = new HashSet<>();
    Deque<Node> pending = new ArrayDeque<>(roots);
    while (!pending.isEmpty()) {
      Node node = pending.pop();
      if (seen.add(node)) {
        pending.addAll(node.inputs());
      }
    }
    return seen;
  }

  public List<Node> nodes() {
    return Collections.unmodifiableList(nodes);
  }

  public List<VariableDef> variables() {
    return Collections.unmodifiableList(variables);
  }

  /** Input member name to placeholder node, in declaration order. */
  public Map<String, Node> inputs() {
    return Collections.unmodifiableMap(inputs);
  }

  /** Output and loss member names to nodes, in declaration order. */
  public Map<String, Node> outputs() {
    return Collections.unmodifiableMap(outputs);
  }

  /** The members that are losses. */
  public List<String> losses() {
    return Collections.unmodifiableList(losses);
  }

  /**
   * Rewrites the graph so that every use of a key of {@code replacements} reads its value instead (the
   * replacement must come earlier in the order); replaced nodes are dropped and nodes whose inputs
   * changed are rebuilt with the same id, name, op and type. Inputs and outputs follow.
   */
  public void replace(Map<Node, Node> replacements) {
    Map<Node, Node> rebuilt = new HashMap<>();
    List<Node> result = new ArrayList<>();
    for (Node node : nodes) {
      if (replacements.containsKey(node)) {
        rebuilt.put(node, rebuilt.getOrDefault(replacements.get(node), replacements.get(node)));
        continue;
      }
      List<Node> inputs = node.inputs().stream().map(in -> rebuilt.getOrDefault(in, in)).toList();
      Node copy = inputs.equals(node.inputs()) ? node : new Node(node.id(), node.name(), node.op(), inputs, node.type());
      rebuilt.put(node, copy);
      result.add(copy);
    }
    nodes.clear();
    nodes.addAll(result);
    this.inputs.replaceAll((member, node) -> rebuilt.getOrDefault(node, node));
    outputs.replaceAll((member, node) -> rebuilt.getOrDefault(node, node));
    gradients.replaceAll((variable, node) -> node == null ? null : rebuilt.getOrDefault(node, node));
    if (totalLoss != null) {
      totalLoss = rebuilt.getOrDefault(totalLoss, totalLoss);
    }
  }

  /** Replaces the node list (for passes that remove nodes); order must stay topological. */
  public void retainNodes(List<Node> kept) {
    nodes.retainAll(new java.util.HashSet<>(kept));
  }
}
