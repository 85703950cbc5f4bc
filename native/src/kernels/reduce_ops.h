// The reducers behind runReduce (reduce.cc): each says how to start, take one element, merge two
// partial results and produce the output value. The iterator in reduce.cc drives them; nothing here
// knows about strides or threads.
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "dtype.h"
#include "vecmath.h"

namespace torch_native {
namespace reduce_detail {

// float16 is stored as uint16_t and computed in float; bool is read as its 0/1 byte.
template <class In>
using Compute = std::conditional_t<std::is_same_v<In, uint16_t>, float, In>;

template <class In>
inline Compute<In> load(In v) {
  if constexpr (std::is_same_v<In, uint16_t>) return halfToFloat(v);
  else return v;
}

// Integer sums and products wrap around like two's complement (as PyTorch) without signed-overflow UB.
template <class A>
inline A addWrap(A a, A b) {
  if constexpr (std::is_integral_v<A>) return static_cast<A>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
  else return a + b;
}
template <class A>
inline A mulWrap(A a, A b) {
  if constexpr (std::is_integral_v<A>) return static_cast<A>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
  else return a * b;
}

// What a sum-like reducer adds per element.
enum class Map { Id, Abs, Sq, Pow, NonZero, SqDev, ExpShift };
// How the sum becomes the output.
enum class Fin { Plain, Mean, Sqrt, Root, Var, Std, Log };

// Sums of map(x). Float lanes accumulate in float and partial sums merge in double ("Wide").
template <class In, class Acc, class Out, Map M, Fin F>
struct SumR {
  using C = Compute<In>;
  using AccT = Acc;
  using Wide = std::conditional_t<std::is_same_v<Acc, float>, double, Acc>;
  using OutT = Out;
  static constexpr bool kArg = false;
  static constexpr bool kAux = M == Map::SqDev || M == Map::ExpShift;
  // Contiguous runs of the accumulator's own type take the explicit-vector path (reduce.cc, sumRun).
  static constexpr bool kVectorSum = std::is_same_v<In, Acc> && std::is_floating_point_v<Acc> && (M == Map::Id || M == Map::Sq || M == Map::Abs);
  static constexpr Map kMap = M;
  double p = 0;  // Pow/Root: the norm's p; Var/Std: the correction

  Acc init() const { return Acc(0); }
  Acc step(Acc a, C x, Acc aux, int64_t) const {
    Acc v = static_cast<Acc>(x);
    if constexpr (M == Map::Abs) v = std::abs(v);
    else if constexpr (M == Map::Sq) v = v * v;
    else if constexpr (M == Map::Pow) v = static_cast<Acc>(std::pow(std::abs(v), static_cast<Acc>(p)));
    else if constexpr (M == Map::NonZero) v = x != C(0) ? Acc(1) : Acc(0);
    else if constexpr (M == Map::SqDev) { v = v - aux; v = v * v; }
    else if constexpr (M == Map::ExpShift) v = vecmath::exp(v - (std::isinf(aux) ? Acc(0) : aux));  // vectorises; libm's exp does not
    return addWrap(a, v);
  }
  Acc combine(Acc a, Acc b) const { return addWrap(a, b); }
  Wide wideInit() const { return Wide(0); }
  Wide widen(Acc a, int64_t) const { return static_cast<Wide>(a); }
  Wide merge(Wide a, Wide b) const { return addWrap(a, b); }
  Out finish(Wide w, int64_t n, Acc aux) const {
    if constexpr (F == Fin::Plain) return static_cast<Out>(w);
    else if constexpr (F == Fin::Mean) return static_cast<Out>(w / static_cast<Wide>(n));
    else if constexpr (F == Fin::Sqrt) return static_cast<Out>(std::sqrt(w));
    else if constexpr (F == Fin::Root) return n == 0 ? Out(0) : static_cast<Out>(std::pow(w, 1.0 / p));  // 0 for no elements, any p (PyTorch)
    else if constexpr (F == Fin::Var || F == Fin::Std) {
      double d = static_cast<double>(n) - p;
      double v = static_cast<double>(w) / (d > 0 ? d : 0.0);
      return static_cast<Out>(F == Fin::Std ? std::sqrt(v) : v);
    } else return static_cast<Out>(std::log(w) + (std::isinf(aux) ? Wide(0) : static_cast<Wide>(aux)));
  }
};

template <class In, class Acc>
struct ProdR {
  using C = Compute<In>;
  using AccT = Acc;
  using Wide = Acc;
  using OutT = Acc;
  static constexpr bool kArg = false, kAux = false;
  double p = 0;
  Acc init() const { return Acc(1); }
  Acc step(Acc a, C x, Acc, int64_t) const { return mulWrap(a, static_cast<Acc>(x)); }
  Acc combine(Acc a, Acc b) const { return mulWrap(a, b); }
  Wide wideInit() const { return Acc(1); }
  Wide widen(Acc a, int64_t) const { return a; }
  Wide merge(Wide a, Wide b) const { return mulWrap(a, b); }
  Acc finish(Wide w, int64_t, Acc) const { return w; }
};

// Max or min that propagates NaN; with Abs, the inf / -inf norms (0 for no elements, as PyTorch).
template <class In, bool IsMax, bool Abs>
struct ExtremeR {
  using C = Compute<In>;
  using AccT = C;
  using Wide = C;
  using OutT = C;
  static constexpr bool kArg = false, kAux = false;
  // Contiguous runs of a directly stored type take the explicit-vector path (reduce.cc, extremeRun).
  static constexpr bool kVector = !Abs && std::is_same_v<In, C>;
  static constexpr bool kMax = IsMax;
  double p = 0;
  C init() const {
    if constexpr (Abs && IsMax) return C(0);
    else if constexpr (std::numeric_limits<C>::has_infinity)
      return IsMax ? -std::numeric_limits<C>::infinity() : std::numeric_limits<C>::infinity();
    else return IsMax ? std::numeric_limits<C>::lowest() : std::numeric_limits<C>::max();
  }
  // Branch-free (| rather than ||) so that the lane loops vectorise to compare + blend.
  C step(C a, C x, C, int64_t) const {
    if constexpr (Abs) x = std::abs(x);
    if constexpr (std::is_floating_point_v<C>) return ((IsMax ? x > a : x < a) | (x != x)) ? x : a;
    else return (IsMax ? x > a : x < a) ? x : a;
  }
  C combine(C a, C b) const { return step(a, b, C(0), 0); }
  Wide wideInit() const { return init(); }
  Wide widen(C a, int64_t) const { return a; }
  Wide merge(Wide a, Wide b) const { return combine(a, b); }
  C finish(Wide w, int64_t n, C) const { return Abs && n == 0 ? C(0) : w; }
};

template <class In, bool IsAll>
struct LogicalR {
  using C = Compute<In>;
  using AccT = uint8_t;
  using Wide = uint8_t;
  using OutT = uint8_t;
  static constexpr bool kArg = false, kAux = false;
  double p = 0;
  uint8_t init() const { return IsAll ? 1 : 0; }
  uint8_t step(uint8_t a, C x, uint8_t, int64_t) const {
    uint8_t t = x != C(0);
    return IsAll ? (a & t) : (a | t);
  }
  uint8_t combine(uint8_t a, uint8_t b) const { return IsAll ? (a & b) : (a | b); }
  Wide wideInit() const { return init(); }
  Wide widen(uint8_t a, int64_t) const { return a; }
  Wide merge(Wide a, Wide b) const { return combine(a, b); }
  uint8_t finish(Wide w, int64_t, uint8_t) const { return w; }
};

// Value and index of the max (min): the first NaN if there is one, else the first extreme element.
template <class C>
struct ValIdx {
  C v;
  int64_t i;  // -1: nothing seen yet
};

template <class In, bool IsMax>
struct ArgR {
  using C = Compute<In>;
  using AccT = ValIdx<C>;
  using Wide = ValIdx<C>;
  using OutT = C;
  using Extreme = ExtremeR<In, IsMax, false>;
  static constexpr bool kArg = true, kAux = false;
  double p = 0;
  // x replaces `than`: a first NaN, or a strictly larger (smaller) value while `than` is not NaN.
  static bool better(C x, C than) {
    if constexpr (std::is_floating_point_v<C>) return ((IsMax ? x > than : x < than) | ((x != x) & (than == than)));
    else return IsMax ? x > than : x < than;
  }
  AccT init() const { return {C(0), -1}; }
  AccT step(AccT a, C x, AccT, int64_t i) const { return (a.i < 0 || better(x, a.v)) ? AccT{x, i} : a; }
  // a holds the earlier indices, so ties keep a.
  AccT combine(AccT a, AccT b) const { return (a.i < 0 || (b.i >= 0 && better(b.v, a.v))) ? b : a; }
  Wide wideInit() const { return init(); }
  Wide widen(AccT a, int64_t base) const { return a.i < 0 ? a : AccT{a.v, a.i + base}; }
  Wide merge(Wide a, Wide b) const { return combine(a, b); }
};

}  // namespace reduce_detail
}  // namespace torch_native
