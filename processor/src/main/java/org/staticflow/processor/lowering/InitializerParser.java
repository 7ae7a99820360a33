package org.staticflow.processor.lowering;

import java.util.Map;
import org.staticflow.processor.diagnostics.CompileError;
import org.staticflow.processor.diagnostics.DiagnosticId;
import org.staticflow.processor.diagnostics.Location;
import org.staticflow.processor.diagnostics.Messages;
import org.staticflow.processor.ir.DType;
import org.staticflow.processor.ir.Initializer;
import org.staticflow.processor.ir.TensorType;
import org.staticflow.processor.parsing.Expr;
import org.staticflow.processor.parsing.ParseException;
import org.staticflow.processor.parsing.Parser;

/**
 * Parses {@code @Variable(init = ...)} and {@code regularizer = ...} with TensorFlow 1.x names and
 * defaults; {@code tf.} prefixes and {@code _initializer} suffixes are accepted.
 */
final class InitializerParser {
  private InitializerParser() {}

  static Initializer initializer(String text, TensorType type, Location location) {
    Env env = new Env(null, Map.of(), "", location);
    Expr expr = parse(text, location);
    String name;
    Expr.Call call;
    if (expr instanceof Expr.Name n) {
      name = n.name();
      call = new Expr.Call(n, java.util.List.of(), java.util.List.of(), n.column());
    } else if (expr instanceof Expr.Call c) {
      name = c.callee().name();
      call = c;
    } else {
      throw new CompileError(DiagnosticId.InvalidInitializer, Messages.unknownInitializer(text), location.at(1));
    }
    name = name.startsWith("tf.") ? name.substring(3) : name;
    name = name.endsWith("_initializer") ? name.substring(0, name.length() - "_initializer".length()) : name;
    boolean integral = type.dtype() != DType.FLOAT32;
    Initializer init =
        switch (name) {
          case "zeros" -> {
            Signature.of(name, 0).bind(call, env);
            yield new Initializer.Constant(0);
          }
          case "ones" -> {
            Signature.of(name, 0).bind(call, env);
            yield new Initializer.Constant(1);
          }
          case "constant" -> {
            Map<String, Expr> args = Signature.of(name, 1, "value").bind(call, env);
            yield new Initializer.Constant(Constants.number(name, "value", args.get("value"), env));
          }
          case "random_uniform" -> {
            Map<String, Expr> args = Signature.of(name, 0, "minval", "maxval").bind(call, env);
            yield new Initializer.RandomUniform(num(args, "minval", 0, env), num(args, "maxval", 1, env));
          }
          case "random_normal" -> {
            Map<String, Expr> args = Signature.of(name, 0, "mean", "stddev").bind(call, env);
            yield new Initializer.RandomNormal(num(args, "mean", 0, env), num(args, "stddev", 1, env));
          }
          case "truncated_normal" -> {
            Map<String, Expr> args = Signature.of(name, 0, "mean", "stddev").bind(call, env);
            yield new Initializer.TruncatedNormal(num(args, "mean", 0, env), num(args, "stddev", 1, env));
          }
          case "glorot_uniform" -> {
            Signature.of(name, 0).bind(call, env);
            yield glorot(type);
          }
          default -> throw new CompileError(
              DiagnosticId.InvalidInitializer, Messages.unknownInitializer(name), location.at(expr.column()));
        };
    if (integral && !(init instanceof Initializer.Constant)) {
      throw new CompileError(DiagnosticId.InvalidInitializer,
          Messages.randomIntegerInitializer(name, type.dtype().pythonName()), location.at(expr.column()));
    }
    return init;
  }

  /** The scale of an {@code l2(scale)} regularizer; 0 for an empty text. */
  static double l2Scale(String text, Location location) {
    if (text.isBlank()) {
      return 0;
    }
    Expr expr = parse(text, location);
    Env env = new Env(null, Map.of(), "", location);
    if (expr instanceof Expr.Call call) {
      String name = call.callee().name();
      name = name.startsWith("tf.") ? name.substring(3) : name;
      if (name.equals("l2") || name.equals("l2_regularizer") || name.equals("contrib.layers.l2_regularizer")) {
        Map<String, Expr> args = Signature.of(name, 1, "scale").bind(call, env);
        return Constants.number(name, "scale", args.get("scale"), env);
      }
    }
    throw new CompileError(DiagnosticId.InvalidInitializer, Messages.unknownRegularizer(text), location.at(expr.column()));
  }

  private static Initializer glorot(TensorType type) {
    int rank = type.rank();
    if (rank == 0) {
      return new Initializer.GlorotUniform(1, 1);
    }
    if (rank == 1) {
      return new Initializer.GlorotUniform(type.dim(0), type.dim(0));
    }
    int receptive = 1;
    for (int i = 0; i < rank - 2; i++) {
      receptive *= type.dim(i);
    }
    return new Initializer.GlorotUniform(type.dim(rank - 2) * receptive, type.dim(rank - 1) * receptive);
  }

  private static double num(Map<String, Expr> args, String name, double fallback, Env env) {
    Expr expr = args.get(name);
    return expr == null ? fallback : Constants.number("initializer", name, expr, env);
  }

  private static Expr parse(String text, Location location) {
    try {
      return Parser.parse(text);
    } catch (ParseException e) {
      throw new CompileError(DiagnosticId.Syntax, e.getMessage(), location.at(e.column()));
    }
  }
}
