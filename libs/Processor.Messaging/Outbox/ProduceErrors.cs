using Confluent.Kafka;

namespace Processor.Messaging.Outbox;

/// <summary>Which refusals of a record are permanent: sending the same bytes again can never succeed.</summary>
public static class ProduceErrors
{
    private static readonly HashSet<ErrorCode> Permanent =
    [
        // Also what librdkafka answers, before sending, for a message above its own message.max.bytes.
        ErrorCode.MsgSizeTooLarge,
        ErrorCode.InvalidMsgSize,
        ErrorCode.RecordListTooLarge,
        ErrorCode.InvalidMsg,
        ErrorCode.InvalidRecord,
        ErrorCode.Local_BadMsg,
        ErrorCode.Local_InvalidArg,
        ErrorCode.Local_UnknownTopic,
        ErrorCode.Local_UnknownPartition,
        ErrorCode.TopicException,
        ErrorCode.TopicAuthorizationFailed,
    ];

    /// <summary>A fatal error is never permanent for the record: the producer is at fault, and a new one may send it.</summary>
    public static bool IsPermanent(Error error) => !error.IsFatal && Permanent.Contains(error.Code);
}
