package ai.sutazai.gateway;

import ai.sutazai.gateway.conversation.Conversations;
import ai.sutazai.gateway.http.ChatLimits;
import ai.sutazai.gateway.http.JsonBodies;
import ai.sutazai.verticles.inference.client.InferenceClient;
import ai.sutazai.gateway.stream.StreamMeters;

/**
 * What every route class of the gateway works with: the ways to the inference and storage
 * verticles, the JSON body handling with its size limit, the bound on what a streaming client
 * may leave unread with the meters of open streams, and the limits on chats.
 *
 * @param inference         event-bus calls to the inference verticle
 * @param conversations     the storage verticle's conversations
 * @param bodies            body handler and JSON reader for routes that take a body
 * @param streamBufferBytes {@code http.stream_buffer_bytes}
 * @param chatLimits        the {@code limits.*} every chat surface applies
 * @param streamMeters      counts open streams and the bytes streamed
 */
public record RouteSupport(InferenceClient inference, Conversations conversations, JsonBodies bodies,
    int streamBufferBytes, ChatLimits chatLimits, StreamMeters streamMeters) {
}
