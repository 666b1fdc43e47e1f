using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Processor.Contracts.Tests;

/// <summary>Builds messages with every field set to a non-default value, driven by the descriptors.</summary>
internal static class MessageSamples
{
    private const int MaxDepth = 4;

    public static IMessage Populated(MessageDescriptor descriptor, int seed = 1)
    {
        var message = (IMessage)Activator.CreateInstance(descriptor.ClrType)!;
        Fill(message, seed, depth: 0);
        return message;
    }

    private static void Fill(IMessage message, int seed, int depth)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = seed + field.FieldNumber;
            if (field.IsMap)
            {
                throw new NotSupportedException($"{field.FullName}: map fields are not used by the schemas.");
            }

            if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(message);
                for (var i = 0; i < 2; i++)
                {
                    if (Sample(field, value + i, depth) is { } item)
                    {
                        list.Add(item);
                    }
                }
            }
            else if (Sample(field, value, depth) is { } item)
            {
                field.Accessor.SetValue(message, item);
            }
        }
    }

    private static object? Sample(FieldDescriptor field, int value, int depth) => field.FieldType switch
    {
        FieldType.Bool => true,
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => value,
        FieldType.UInt32 or FieldType.Fixed32 => (uint)value,
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => (long)value << 33,
        FieldType.UInt64 or FieldType.Fixed64 => ((ulong)value << 40) + 7,
        FieldType.Float => value + 0.5f,
        FieldType.Double => value + 0.25,
        FieldType.String => $"text-{value}",
        FieldType.Bytes => ByteString.CopyFrom([.. Enumerable.Range(value, 32).Select(b => (byte)b)]),
        FieldType.Enum => Enum.ToObject(
            field.EnumType.ClrType,
            field.EnumType.Values.Select(v => v.Number).Where(n => n != 0).DefaultIfEmpty(0).Max()),
        FieldType.Message when depth >= MaxDepth => null,
        FieldType.Message => Nested(field.MessageType, value, depth + 1),
        _ => throw new NotSupportedException($"{field.FullName}: field type {field.FieldType}"),
    };

    private static IMessage Nested(MessageDescriptor descriptor, int seed, int depth)
    {
        var message = (IMessage)Activator.CreateInstance(descriptor.ClrType)!;
        if (descriptor.FullName == "google.protobuf.Timestamp")
        {
            descriptor.FindFieldByName("seconds").Accessor.SetValue(message, 1_700_000_000L + seed);
            descriptor.FindFieldByName("nanos").Accessor.SetValue(message, seed * 1000);
            return message;
        }

        Fill(message, seed * 7, depth);
        return message;
    }
}
