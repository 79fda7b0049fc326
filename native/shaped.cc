#include "shaped.h"

#include <string>
#include <utility>

namespace {

// Room for the largest result (a describe: about 40 numbers, 60 wide values).
constexpr uint32_t kCapacity = 256;

struct Registered {
  const char* name;
  const char* javascript;
};

std::vector<Registered>& Registry() {
  static std::vector<Registered> shapes;
  return shapes;
}

// (numbers, wides) => [one function per shape]; each call starts both arrays over.
std::string Script() {
  std::string script =
      "(function (numbers, wides) {\n"
      "  'use strict';\n"
      "  let n = 0;\n"
      "  let w = 0;\n"
      "  const num = () => numbers[n++];\n"
      "  const flag = () => numbers[n++] !== 0;\n"
      "  const wide = () => wides[w++];\n"
      "  const list = (item) => {\n"
      "    const items = [];\n"
      "    for (let count = numbers[n++]; count > 0; count--) items.push(item());\n"
      "    return items;\n"
      "  };\n"
      "  const start = (shape) => (argument) => {\n"
      "    n = 0;\n"
      "    w = 0;\n"
      "    return shape(argument);\n"
      "  };\n";
  for (const Registered& shape : Registry())
    script += std::string("  const ") + shape.name + " = " + shape.javascript + ";\n";
  script += "  return [";
  for (const Registered& shape : Registry()) script += std::string("start(") + shape.name + "), ";
  script += "];\n})";
  return script;
}

}  // namespace

void ShapeWriter::Number(double value) {
  if (numbers_used_ == kCapacity) throw Napi::Error::New(env_, "aws-fpga: a result has more numbers than shaped.cc has room for");
  numbers_[numbers_used_++] = value;
}

void ShapeWriter::Wide(uint64_t value) {
  if (wides_used_ == kCapacity) throw Napi::Error::New(env_, "aws-fpga: a result has more 64-bit values than shaped.cc has room for");
  wides_[wides_used_++] = value;
}

ShapeId RegisterShape(const char* name, const char* javascript) {
  Registry().push_back({name, javascript});
  return static_cast<ShapeId>(Registry().size() - 1);
}

ResultShapes& ResultShapes::Of(Napi::Env env) {
  std::shared_ptr<ResultShapes>& existing = Data(env).shapes;
  if (existing) return *existing;
  auto shapes = std::make_shared<ResultShapes>();
  shapes->env_ = env;
  Napi::ArrayBuffer numbers = Napi::ArrayBuffer::New(env, kCapacity * sizeof(double));
  Napi::ArrayBuffer wides = Napi::ArrayBuffer::New(env, kCapacity * sizeof(uint64_t));
  Napi::Float64Array numbers_array = Napi::Float64Array::New(env, kCapacity, numbers, 0);
  Napi::BigUint64Array wides_array = Napi::BigUint64Array::New(env, kCapacity, wides, 0);
  // Only the compiled functions see the arrays, so their memory stays where it is.
  shapes->numbers_ = static_cast<double*>(numbers.Data());
  shapes->wides_ = static_cast<uint64_t*>(wides.Data());
  shapes->numbers_array_ = Napi::Persistent(numbers_array);
  shapes->wides_array_ = Napi::Persistent(wides_array);
  Napi::Function factory = env.RunScript(Script()).As<Napi::Function>();
  Napi::Array functions = factory.Call({numbers_array, wides_array}).As<Napi::Array>();
  for (uint32_t i = 0; i < functions.Length(); i++)
    shapes->functions_.push_back(Napi::Persistent(functions.Get(i).As<Napi::Function>()));
  existing = std::move(shapes);
  return *existing;
}

Napi::Value ResultShapes::Call(ShapeId shape, napi_value argument) {
  napi_value function = functions_[shape].Value();
  napi_value receiver = env_.Undefined();
  napi_value argv[1] = {argument != nullptr ? argument : receiver};
  napi_value result;
  NAPI_THROW_IF_FAILED(env_, napi_call_function(env_, receiver, function, 1, argv, &result), Napi::Value());
  return Napi::Value(env_, result);
}
