#pragma once
// A file compiled into the binary by cmake's vnn_embed_files() (migrations, datasets).

#include <string>
#include <vector>

namespace vnn::platform {

struct EmbeddedFile {
  std::string name;
  std::string content;
};

}  // namespace vnn::platform
