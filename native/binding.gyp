{
  "variables": {
    "has_openblas%": "<!(test \"$TORCH_NO_BLAS\" = 1 && echo 0 || (pkg-config --exists openblas && echo 1 || echo 0))",
    "no_lapack%": "<!(test \"$TORCH_NO_LAPACK\" = 1 && echo 1 || echo 0)",
    "has_system_lapack%": "<!(test \"$TORCH_NO_LAPACK\" = 1 && echo 0 || (pkg-config --exists lapack blas && echo 1 || echo 0))"
  },
  "target_defaults": {
    "cflags!": ["-fno-exceptions"],
    "cflags_cc!": ["-fno-exceptions", "-std=gnu++17", "-std=gnu++1y"],
    "cflags": ["-O3", "-fPIC", "-fno-math-errno", "-fno-trapping-math"],
    "cflags_cc": ["-std=c++20", "-fexceptions"]
  },
  "targets": [
    {
      "target_name": "loops_baseline",
      "type": "static_library",
      "sources": ["src/kernels/elementwise_loops.cc"],
      "defines": ["TN_CAP=baseline"]
    },
    {
      "target_name": "loops_avx2",
      "type": "static_library",
      "sources": ["src/kernels/elementwise_loops.cc"],
      "defines": ["TN_CAP=avx2"],
      "cflags": ["-mavx2", "-mfma", "-mf16c"]
    },
    {
      "target_name": "loops_avx512",
      "type": "static_library",
      "sources": ["src/kernels/elementwise_loops.cc"],
      "defines": ["TN_CAP=avx512"],
      "cflags": ["-mavx512f", "-mavx512bw", "-mavx512vl", "-mavx512dq", "-mavx2", "-mfma", "-mf16c", "-mprefer-vector-width=512"]
    },
    {
      "target_name": "torch_native",
      "dependencies": ["loops_baseline", "loops_avx2", "loops_avx512"],
      "sources": ["<!@(node scripts/sources.js)"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS"],
      "libraries": ["-lpthread"],
      "conditions": [
        ["has_openblas==1", {
          "defines": ["TN_HAVE_OPENBLAS"],
          "cflags": ["<!@(pkg-config --cflags openblas)"],
          "libraries": ["<!@(pkg-config --libs openblas)"]
        }],
        ["has_openblas==1 and no_lapack==0", {
          "defines": ["TN_HAVE_LAPACK"]
        }],
        ["has_openblas==0 and has_system_lapack==1", {
          "defines": ["TN_HAVE_LAPACK"],
          "libraries": ["<!@(pkg-config --libs lapack blas)"]
        }]
      ]
    }
  ]
}
