// Result objects (describe, slot specs, clocks...) shaped by JavaScript. The
// native side writes a struct's fields, in order, into two typed arrays (one
// of numbers, one of 64-bit values); a JavaScript function compiled once per
// environment reads them back in the same order into object literals.
//
// Why: built property by property through N-API, every key is internalized
// again and every store walks V8's map transitions; an object of more than a
// dozen fields even falls back to a dictionary. A 23-field object costs about
// 10 us that way and under 0.5 us from a literal.
//
// A shape is registered at load time with its name and its JavaScript, an
// expression evaluated where these helpers are in scope:
//   num()       the next number          flag()  the next number !== 0
//   wide()      the next 64-bit value, a bigint
//   list(item)  a number n, then n items, each item() (an array)
// and every other shape by its name. The function the shape evaluates to
// takes one optional argument (a value the arrays cannot carry, such as a
// string) and returns the result.
#pragma once

#include <cstdint>
#include <vector>

#include "addon.h"

class ShapeWriter {
 public:
  void Number(double value);
  void Flag(bool value) { Number(value ? 1 : 0); }
  void Wide(uint64_t value);
  // A count, read by list() before its items.
  void Count(uint32_t count) { Number(count); }

 private:
  friend class ResultShapes;
  ShapeWriter(Napi::Env env, double* numbers, uint64_t* wides) : env_(env), numbers_(numbers), wides_(wides) {}

  Napi::Env env_;
  double* numbers_;
  uint64_t* wides_;
  uint32_t numbers_used_ = 0;
  uint32_t wides_used_ = 0;
};

using ShapeId = uint32_t;

// Registers a shape (during static initialization). `name` is a JavaScript identifier.
ShapeId RegisterShape(const char* name, const char* javascript);

class ResultShapes {
 public:
  // `fill` writes what the shape reads; `argument` is passed on, if any.
  template <typename Fill>
  static Napi::Value Build(Napi::Env env, ShapeId shape, Fill fill, napi_value argument = nullptr) {
    ResultShapes& shapes = Of(env);
    ShapeWriter writer(env, shapes.numbers_, shapes.wides_);
    fill(writer);
    return shapes.Call(shape, argument);
  }

 private:
  static ResultShapes& Of(Napi::Env env);
  Napi::Value Call(ShapeId shape, napi_value argument);

  Napi::Env env_ = Napi::Env(nullptr);
  std::vector<Napi::FunctionReference> functions_;  // by shape id
  Napi::Reference<Napi::Float64Array> numbers_array_;
  Napi::Reference<Napi::BigUint64Array> wides_array_;
  double* numbers_ = nullptr;
  uint64_t* wides_ = nullptr;
};
