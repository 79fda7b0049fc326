{
  "variables": {
    "mock_sources": [
      "native/mock/device.cc",
      "native/mock/clock.cc",
      "native/mock/pci.cc",
      "native/mock/catalog.cc",
      "native/mock/image.cc",
      "native/mock/metrics.cc",
      "native/mock/mailbox.cc",
      "native/mock/mgmt.cc",
      "native/mock/mgmt_sync.cc",
      "native/mock/errors.cc",
      "native/mock/clkgen.cc",
      "native/mock/clock_recipes.cc",
      "native/mock/clock_gen.cc",
      "native/mock/register_block.cc",
      "native/mock/cl.cc",
      "native/mock/cl_mem_perf.cc",
      "native/mock/declared_cl.cc",
      "native/mock/harness.cc",
      "native/mock/faults.cc",
      "native/mock/trace.cc",
      "native/mock/controls.cc",
      "native/mock/harness_controls.cc",
      "native/mock/cl_controls.cc"
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
        "native/bar.cc",
        "native/pci.cc",
        "native/registers.cc",
        "native/bulk.cc",
        "native/device_threads.cc",
        "native/image_info.cc",
        "native/shaped.cc",
        "native/mgmt.cc",
        "native/clkgen.cc",
        "native/mock_control.cc",
        "native/mock_trace.cc",
        "native/cl_bridge.cc",
        "native/mock_state.cc",
        "native/mock/snapshot.cc",
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
      # The SDK's soname, so that programs linked against this library run on the SDK's.
      # gyp's make generator puts its own -Wl,-soname=<file name> after "ldflags";
      # "libraries" come last on the link line, so the soname given here is the one kept.
      "libraries": ["-Wl,-soname,libfpga_mgmt.so.1"]
    }
  ]
}
