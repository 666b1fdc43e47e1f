using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Processor.Embedded.Kafka;

/// <summary>
/// One Kafka <c>Metadata</c> v1 request (all topics) over a plain socket. Used for the start-up checks and topic listing:
/// it takes about a millisecond, where a Confluent.Kafka admin client costs ~200 ms to dispose and counts as an open handle
/// (<c>Library.HandleCount</c>) meanwhile.
/// </summary>
internal static class KafkaMetadataProbe
{
    private const short MetadataApiKey = 3;
    private const short MetadataVersion = 1;
    private const int MaxResponseBytes = 64 * 1024 * 1024;

    public sealed record Broker(int Id, string Host, int Port);

    public sealed record Topic(string Name, short ErrorCode, int Partitions);

    public sealed record Result(IReadOnlyList<Broker> Brokers, IReadOnlyList<Topic> Topics);

    /// <summary>Asks the broker on 127.0.0.1:<paramref name="port"/>, retrying the connection until <paramref name="timeout"/>.</summary>
    /// <exception cref="InvalidOperationException">No answer in time.</exception>
    public static Result Query(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        do
        {
            try
            {
                return QueryOnce(port, deadline);
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                last = e;
                Thread.Sleep(20);
            }
        }
        while (DateTime.UtcNow < deadline);

        throw new InvalidOperationException($"No Kafka Metadata answer from 127.0.0.1:{port} within {timeout}.", last);
    }

    private static Result QueryOnce(int port, DateTime deadline)
    {
        var remaining = (int)Math.Clamp((deadline - DateTime.UtcNow).TotalMilliseconds, 100, int.MaxValue);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = remaining,
            SendTimeout = remaining,
        };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));

        const int correlationId = 1;
        var clientId = "processor-embedded-kafka"u8;
        var request = new byte[4 + 2 + 2 + 4 + 2 + clientId.Length + 4];
        var span = request.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span, request.Length - 4);
        BinaryPrimitives.WriteInt16BigEndian(span[4..], MetadataApiKey);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], MetadataVersion);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], correlationId);
        BinaryPrimitives.WriteInt16BigEndian(span[12..], (short)clientId.Length);
        clientId.CopyTo(span[14..]);
        BinaryPrimitives.WriteInt32BigEndian(span[(14 + clientId.Length)..], -1); // null topic array = all topics
        socket.Send(request);

        var sizeBytes = new byte[4];
        ReceiveExactly(socket, sizeBytes);
        var size = BinaryPrimitives.ReadInt32BigEndian(sizeBytes);
        if (size is < 4 or > MaxResponseBytes)
        {
            throw new IOException($"Implausible Metadata response size {size}.");
        }

        var body = new byte[size];
        ReceiveExactly(socket, body);
        var reader = new Reader(body);
        if (reader.Int32() != correlationId)
        {
            throw new IOException("Metadata response with an unexpected correlation id.");
        }

        var brokers = new List<Broker>();
        for (var i = reader.Int32(); i > 0; i--)
        {
            var id = reader.Int32();
            var host = reader.String() ?? "";
            var brokerPort = reader.Int32();
            reader.String(); // rack
            brokers.Add(new Broker(id, host, brokerPort));
        }

        reader.Int32(); // controller id
        var topics = new List<Topic>();
        for (var i = reader.Int32(); i > 0; i--)
        {
            var error = reader.Int16();
            var name = reader.String() ?? "";
            reader.Skip(1); // is_internal
            var partitions = reader.Int32();
            for (var p = 0; p < partitions; p++)
            {
                reader.Skip(2 + 4 + 4); // error, partition, leader
                reader.Skip(4 * reader.Int32()); // replicas
                reader.Skip(4 * reader.Int32()); // isr
            }

            topics.Add(new Topic(name, error, partitions));
        }

        return new Result(brokers, topics);
    }

    private static void ReceiveExactly(Socket socket, byte[] buffer)
    {
        var received = 0;
        while (received < buffer.Length)
        {
            var n = socket.Receive(buffer, received, buffer.Length - received, SocketFlags.None);
            if (n == 0)
            {
                throw new IOException("The broker closed the connection before answering Metadata.");
            }

            received += n;
        }
    }

    private sealed class Reader(byte[] buffer)
    {
        private int _offset;

        public short Int16()
        {
            var value = BinaryPrimitives.ReadInt16BigEndian(Take(2));
            return value;
        }

        public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

        public string? String()
        {
            var length = Int16();
            return length < 0 ? null : Encoding.UTF8.GetString(Take(length));
        }

        public void Skip(int count) => Take(count);

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count < 0 || _offset + count > buffer.Length)
            {
                throw new IOException("Truncated Metadata response.");
            }

            var span = buffer.AsSpan(_offset, count);
            _offset += count;
            return span;
        }
    }
}
