{
  "variables": {
    "mock_sources": [
      "native/mock/device.cc",
      "native/mock/pci.cc",
      "native/mock/mgmt.cc",
      "native/mock/clkgen.cc"
    ]
  },
  "target_defaults": {
    "cflags_cc": ["-std=c++17", "-Wall", "-Wextra"],
    "cflags_cc!": ["-fno-exceptions", "-std=gnu++14", "-std=gnu++17"],
    "cflags!": ["-fno-exceptions"]
  },
  "targets": [
    {
      "target_name": "aws_fpga",
      "sources": [
        "native/addon.cc",
        "native/backend.cc",
        "native/pci.cc",
        "native/mock_control.cc",
        "<@(mock_sources)"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS"],
      "cflags_cc": ["-fvisibility=hidden", "-fexceptions"],
      "libraries": ["-ldl"]
    },
    {
      "target_name": "fpga_mgmt_mock",
      "type": "shared_library",
      "product_dir": "<(PRODUCT_DIR)",
      "product_prefix": "lib",
      "sources": ["<@(mock_sources)"],
      "cflags_cc": ["-fvisibility=default"],
      "ldflags": ["-Wl,-soname,libfpga_mgmt.so.1"]
    }
  ]
}
