// The same-dtype copy behind clone, contiguous, cat, stack, flip, roll, tril/triu and every view
// materialisation (DESIGN.md §4's strided iterator calls it for Op::Copy).
#pragma once

#include "elementwise.h"

namespace torch_native {

// Copies c.in[0] into c.out when both hold one dtype and the input is a tensor (the call's dims
// already coalesced). Rows run along the dim that is fastest in both (memcpy when both are
// contiguous, a plain strided loop for reversed or strided rows); when the output and the input are
// fastest along different dims (a transpose or permute) it copies square tiles, so both sides' cache
// lines are used whole. Returns false, doing nothing, when the call is not such a copy.
bool stridedCopy(const ElementwiseCall& c);

}  // namespace torch_native
