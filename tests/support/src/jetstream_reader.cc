#include "vnn/testing/jetstream_reader.h"

#include <stdexcept>

#include "vnn/testing/test_stack.h"

namespace vnn::testing {

std::vector<StreamMessage> read_stream(const platform::events::NatsClient& nats,
                                       const std::string& filter) {
  jsCtx* js = nats.new_context();
  const std::string durable = unique_name("reader");
  jsConsumerConfig config;
  jsConsumerConfig_Init(&config);
  config.Durable = durable.c_str();
  config.FilterSubject = filter.c_str();
  config.AckPolicy = js_AckNone;
  config.DeliverPolicy = js_DeliverAll;
  jsConsumerInfo* info = nullptr;
  jsErrCode error{};
  const char* stream = nats.settings().stream.c_str();
  platform::events::check_nats(js_AddConsumer(&info, js, stream, &config, nullptr, &error),
                               "add reader consumer");
  std::uint64_t pending = info->NumPending;
  jsConsumerInfo_Destroy(info);

  jsSubOptions options;
  jsSubOptions_Init(&options);
  options.Stream = stream;
  options.Consumer = durable.c_str();
  natsSubscription* subscription = nullptr;
  platform::events::check_nats(js_PullSubscribe(&subscription, js, filter.c_str(), durable.c_str(),
                                                nullptr, &options, &error),
                               "reader subscribe");
  std::vector<StreamMessage> out;
  int empty_fetches = 0;
  while (out.size() < pending && empty_fetches < 20) {
    natsMsgList list{};
    // Batch 1 (see the libnats 3.4 note in event_consumer.h).
    natsStatus status = natsSubscription_Fetch(&list, subscription, 1, 500, &error);
    if (status != NATS_OK) {
      ++empty_fetches;
      continue;
    }
    for (int i = 0; i < list.Count; ++i) {
      StreamMessage message;
      const char* id = nullptr;
      if (natsMsgHeader_Get(list.Msgs[i], "Nats-Msg-Id", &id) == NATS_OK && id) message.msg_id = id;
      message.envelope.ParseFromArray(natsMsg_GetData(list.Msgs[i]),
                                      natsMsg_GetDataLength(list.Msgs[i]));
      out.push_back(std::move(message));
    }
    natsMsgList_Destroy(&list);
  }
  natsSubscription_Unsubscribe(subscription);
  natsSubscription_Destroy(subscription);
  js_DeleteConsumer(js, stream, durable.c_str(), nullptr, &error);
  jsCtx_Destroy(js);
  if (out.size() < pending) throw std::runtime_error("stream read incomplete");
  return out;
}

void publish_raw(const platform::events::NatsClient& nats, const std::string& subject,
                 const std::string& msg_id, const std::string& bytes) {
  jsCtx* js = nats.new_context();
  natsMsg* message = nullptr;
  natsMsg_Create(&message, subject.c_str(), nullptr, bytes.data(), static_cast<int>(bytes.size()));
  natsMsgHeader_Set(message, "Nats-Msg-Id", msg_id.c_str());
  jsPubAck* ack = nullptr;
  jsErrCode error{};
  natsStatus status = js_PublishMsg(&ack, js, message, nullptr, &error);
  jsPubAck_Destroy(ack);
  natsMsg_Destroy(message);
  jsCtx_Destroy(js);
  platform::events::check_nats(status, "publish");
}

}  // namespace vnn::testing
