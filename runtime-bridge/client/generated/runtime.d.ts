import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace spec. */
export namespace spec {

    /** Namespace proto. */
    namespace proto {

        /** Namespace runtime. */
        namespace runtime {

            /** Namespace v1. */
            namespace v1 {

                /**
                 * Properties of a SayHelloRequest.
                 * @deprecated Use spec.proto.runtime.v1.SayHelloRequest.$Properties instead.
                 */
                interface ISayHelloRequest extends spec.proto.runtime.v1.SayHelloRequest.$Properties {
                }

                /** Represents a SayHelloRequest. */
                class SayHelloRequest {

                    /**
                     * Constructs a new SayHelloRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.SayHelloRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** SayHelloRequest serviceName. */
                    serviceName: string;

                    /** SayHelloRequest name. */
                    name: string;

                    /** SayHelloRequest data. */
                    data?: (google.protobuf.Any|null);

                    /**
                     * Encodes the specified SayHelloRequest message. Does not implicitly {@link spec.proto.runtime.v1.SayHelloRequest.verify|verify} messages.
                     * @param message SayHelloRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.SayHelloRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a SayHelloRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.SayHelloRequest & spec.proto.runtime.v1.SayHelloRequest.$Shape} SayHelloRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.SayHelloRequest;
                }

                namespace SayHelloRequest {

                    /** Properties of a SayHelloRequest. */
                    interface $Properties {

                        /** SayHelloRequest serviceName */
                        serviceName?: (string|null);

                        /** SayHelloRequest name */
                        name?: (string|null);

                        /** SayHelloRequest data */
                        data?: (google.protobuf.Any.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a SayHelloRequest. */
                    type $Shape = spec.proto.runtime.v1.SayHelloRequest.$Properties;
                }

                /**
                 * Properties of a SayHelloResponse.
                 * @deprecated Use spec.proto.runtime.v1.SayHelloResponse.$Properties instead.
                 */
                interface ISayHelloResponse extends spec.proto.runtime.v1.SayHelloResponse.$Properties {
                }

                /** Represents a SayHelloResponse. */
                class SayHelloResponse {

                    /**
                     * Constructs a new SayHelloResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.SayHelloResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** SayHelloResponse hello. */
                    hello: string;

                    /** SayHelloResponse data. */
                    data?: (google.protobuf.Any|null);

                    /**
                     * Encodes the specified SayHelloResponse message. Does not implicitly {@link spec.proto.runtime.v1.SayHelloResponse.verify|verify} messages.
                     * @param message SayHelloResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.SayHelloResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a SayHelloResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.SayHelloResponse & spec.proto.runtime.v1.SayHelloResponse.$Shape} SayHelloResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.SayHelloResponse;
                }

                namespace SayHelloResponse {

                    /** Properties of a SayHelloResponse. */
                    interface $Properties {

                        /** SayHelloResponse hello */
                        hello?: (string|null);

                        /** SayHelloResponse data */
                        data?: (google.protobuf.Any.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a SayHelloResponse. */
                    type $Shape = spec.proto.runtime.v1.SayHelloResponse.$Properties;
                }

                /**
                 * Properties of an InvokeServiceRequest.
                 * @deprecated Use spec.proto.runtime.v1.InvokeServiceRequest.$Properties instead.
                 */
                interface IInvokeServiceRequest extends spec.proto.runtime.v1.InvokeServiceRequest.$Properties {
                }

                /** Represents an InvokeServiceRequest. */
                class InvokeServiceRequest {

                    /**
                     * Constructs a new InvokeServiceRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.InvokeServiceRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** InvokeServiceRequest id. */
                    id: string;

                    /** InvokeServiceRequest message. */
                    message?: (spec.proto.runtime.v1.CommonInvokeRequest|null);

                    /**
                     * Encodes the specified InvokeServiceRequest message. Does not implicitly {@link spec.proto.runtime.v1.InvokeServiceRequest.verify|verify} messages.
                     * @param message InvokeServiceRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.InvokeServiceRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an InvokeServiceRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.InvokeServiceRequest & spec.proto.runtime.v1.InvokeServiceRequest.$Shape} InvokeServiceRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.InvokeServiceRequest;
                }

                namespace InvokeServiceRequest {

                    /** Properties of an InvokeServiceRequest. */
                    interface $Properties {

                        /** InvokeServiceRequest id */
                        id?: (string|null);

                        /** InvokeServiceRequest message */
                        message?: (spec.proto.runtime.v1.CommonInvokeRequest.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an InvokeServiceRequest. */
                    type $Shape = spec.proto.runtime.v1.InvokeServiceRequest.$Properties;
                }

                /**
                 * Properties of a CommonInvokeRequest.
                 * @deprecated Use spec.proto.runtime.v1.CommonInvokeRequest.$Properties instead.
                 */
                interface ICommonInvokeRequest extends spec.proto.runtime.v1.CommonInvokeRequest.$Properties {
                }

                /** Represents a CommonInvokeRequest. */
                class CommonInvokeRequest {

                    /**
                     * Constructs a new CommonInvokeRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.CommonInvokeRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** CommonInvokeRequest method. */
                    method: string;

                    /** CommonInvokeRequest data. */
                    data?: (google.protobuf.Any|null);

                    /** CommonInvokeRequest contentType. */
                    contentType: string;

                    /** CommonInvokeRequest httpExtension. */
                    httpExtension?: (spec.proto.runtime.v1.HTTPExtension|null);

                    /**
                     * Encodes the specified CommonInvokeRequest message. Does not implicitly {@link spec.proto.runtime.v1.CommonInvokeRequest.verify|verify} messages.
                     * @param message CommonInvokeRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.CommonInvokeRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a CommonInvokeRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.CommonInvokeRequest & spec.proto.runtime.v1.CommonInvokeRequest.$Shape} CommonInvokeRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.CommonInvokeRequest;
                }

                namespace CommonInvokeRequest {

                    /** Properties of a CommonInvokeRequest. */
                    interface $Properties {

                        /** CommonInvokeRequest method */
                        method?: (string|null);

                        /** CommonInvokeRequest data */
                        data?: (google.protobuf.Any.$Properties|null);

                        /** CommonInvokeRequest contentType */
                        contentType?: (string|null);

                        /** CommonInvokeRequest httpExtension */
                        httpExtension?: (spec.proto.runtime.v1.HTTPExtension.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a CommonInvokeRequest. */
                    type $Shape = spec.proto.runtime.v1.CommonInvokeRequest.$Properties;
                }

                /**
                 * Properties of a HTTPExtension.
                 * @deprecated Use spec.proto.runtime.v1.HTTPExtension.$Properties instead.
                 */
                interface IHTTPExtension extends spec.proto.runtime.v1.HTTPExtension.$Properties {
                }

                /** Represents a HTTPExtension. */
                class HTTPExtension {

                    /**
                     * Constructs a new HTTPExtension.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.HTTPExtension.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** HTTPExtension verb. */
                    verb: spec.proto.runtime.v1.HTTPExtension.Verb;

                    /** HTTPExtension querystring. */
                    querystring: string;

                    /**
                     * Encodes the specified HTTPExtension message. Does not implicitly {@link spec.proto.runtime.v1.HTTPExtension.verify|verify} messages.
                     * @param message HTTPExtension message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.HTTPExtension.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a HTTPExtension message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.HTTPExtension & spec.proto.runtime.v1.HTTPExtension.$Shape} HTTPExtension
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.HTTPExtension;
                }

                namespace HTTPExtension {

                    /** Properties of a HTTPExtension. */
                    interface $Properties {

                        /** HTTPExtension verb */
                        verb?: (spec.proto.runtime.v1.HTTPExtension.Verb|null);

                        /** HTTPExtension querystring */
                        querystring?: (string|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a HTTPExtension. */
                    type $Shape = spec.proto.runtime.v1.HTTPExtension.$Properties;

                    /** Verb enum. */
                    enum Verb {

                        /** NONE value */
                        NONE = 0,

                        /** GET value */
                        GET = 1,

                        /** HEAD value */
                        HEAD = 2,

                        /** POST value */
                        POST = 3,

                        /** PUT value */
                        PUT = 4,

                        /** DELETE value */
                        DELETE = 5,

                        /** CONNECT value */
                        CONNECT = 6,

                        /** OPTIONS value */
                        OPTIONS = 7,

                        /** TRACE value */
                        TRACE = 8,

                        /** PATCH value */
                        PATCH = 9
                    }
                }

                /**
                 * Properties of an InvokeResponse.
                 * @deprecated Use spec.proto.runtime.v1.InvokeResponse.$Properties instead.
                 */
                interface IInvokeResponse extends spec.proto.runtime.v1.InvokeResponse.$Properties {
                }

                /** Represents an InvokeResponse. */
                class InvokeResponse {

                    /**
                     * Constructs a new InvokeResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.InvokeResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** InvokeResponse data. */
                    data?: (google.protobuf.Any|null);

                    /** InvokeResponse contentType. */
                    contentType: string;

                    /**
                     * Encodes the specified InvokeResponse message. Does not implicitly {@link spec.proto.runtime.v1.InvokeResponse.verify|verify} messages.
                     * @param message InvokeResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.InvokeResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an InvokeResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.InvokeResponse & spec.proto.runtime.v1.InvokeResponse.$Shape} InvokeResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.InvokeResponse;
                }

                namespace InvokeResponse {

                    /** Properties of an InvokeResponse. */
                    interface $Properties {

                        /** InvokeResponse data */
                        data?: (google.protobuf.Any.$Properties|null);

                        /** InvokeResponse contentType */
                        contentType?: (string|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an InvokeResponse. */
                    type $Shape = spec.proto.runtime.v1.InvokeResponse.$Properties;
                }

                /**
                 * Properties of a ConfigurationItem.
                 * @deprecated Use spec.proto.runtime.v1.ConfigurationItem.$Properties instead.
                 */
                interface IConfigurationItem extends spec.proto.runtime.v1.ConfigurationItem.$Properties {
                }

                /** Represents a ConfigurationItem. */
                class ConfigurationItem {

                    /**
                     * Constructs a new ConfigurationItem.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.ConfigurationItem.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** ConfigurationItem key. */
                    key: string;

                    /** ConfigurationItem content. */
                    content: string;

                    /** ConfigurationItem group. */
                    group: string;

                    /** ConfigurationItem label. */
                    label: string;

                    /** ConfigurationItem tags. */
                    tags: { [k: string]: string };

                    /** ConfigurationItem metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified ConfigurationItem message. Does not implicitly {@link spec.proto.runtime.v1.ConfigurationItem.verify|verify} messages.
                     * @param message ConfigurationItem message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.ConfigurationItem.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a ConfigurationItem message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.ConfigurationItem & spec.proto.runtime.v1.ConfigurationItem.$Shape} ConfigurationItem
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.ConfigurationItem;
                }

                namespace ConfigurationItem {

                    /** Properties of a ConfigurationItem. */
                    interface $Properties {

                        /** ConfigurationItem key */
                        key?: (string|null);

                        /** ConfigurationItem content */
                        content?: (string|null);

                        /** ConfigurationItem group */
                        group?: (string|null);

                        /** ConfigurationItem label */
                        label?: (string|null);

                        /** ConfigurationItem tags */
                        tags?: ({ [k: string]: string }|null);

                        /** ConfigurationItem metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a ConfigurationItem. */
                    type $Shape = spec.proto.runtime.v1.ConfigurationItem.$Properties;
                }

                /**
                 * Properties of a GetConfigurationRequest.
                 * @deprecated Use spec.proto.runtime.v1.GetConfigurationRequest.$Properties instead.
                 */
                interface IGetConfigurationRequest extends spec.proto.runtime.v1.GetConfigurationRequest.$Properties {
                }

                /** Represents a GetConfigurationRequest. */
                class GetConfigurationRequest {

                    /**
                     * Constructs a new GetConfigurationRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.GetConfigurationRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetConfigurationRequest storeName. */
                    storeName: string;

                    /** GetConfigurationRequest appId. */
                    appId: string;

                    /** GetConfigurationRequest group. */
                    group: string;

                    /** GetConfigurationRequest label. */
                    label: string;

                    /** GetConfigurationRequest keys. */
                    keys: string[];

                    /** GetConfigurationRequest metadata. */
                    metadata: { [k: string]: string };

                    /** GetConfigurationRequest subscribeUpdate. */
                    subscribeUpdate: boolean;

                    /**
                     * Encodes the specified GetConfigurationRequest message. Does not implicitly {@link spec.proto.runtime.v1.GetConfigurationRequest.verify|verify} messages.
                     * @param message GetConfigurationRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.GetConfigurationRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetConfigurationRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.GetConfigurationRequest & spec.proto.runtime.v1.GetConfigurationRequest.$Shape} GetConfigurationRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.GetConfigurationRequest;
                }

                namespace GetConfigurationRequest {

                    /** Properties of a GetConfigurationRequest. */
                    interface $Properties {

                        /** GetConfigurationRequest storeName */
                        storeName?: (string|null);

                        /** GetConfigurationRequest appId */
                        appId?: (string|null);

                        /** GetConfigurationRequest group */
                        group?: (string|null);

                        /** GetConfigurationRequest label */
                        label?: (string|null);

                        /** GetConfigurationRequest keys */
                        keys?: (string[]|null);

                        /** GetConfigurationRequest metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** GetConfigurationRequest subscribeUpdate */
                        subscribeUpdate?: (boolean|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetConfigurationRequest. */
                    type $Shape = spec.proto.runtime.v1.GetConfigurationRequest.$Properties;
                }

                /**
                 * Properties of a GetConfigurationResponse.
                 * @deprecated Use spec.proto.runtime.v1.GetConfigurationResponse.$Properties instead.
                 */
                interface IGetConfigurationResponse extends spec.proto.runtime.v1.GetConfigurationResponse.$Properties {
                }

                /** Represents a GetConfigurationResponse. */
                class GetConfigurationResponse {

                    /**
                     * Constructs a new GetConfigurationResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.GetConfigurationResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetConfigurationResponse items. */
                    items: spec.proto.runtime.v1.ConfigurationItem[];

                    /**
                     * Encodes the specified GetConfigurationResponse message. Does not implicitly {@link spec.proto.runtime.v1.GetConfigurationResponse.verify|verify} messages.
                     * @param message GetConfigurationResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.GetConfigurationResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetConfigurationResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.GetConfigurationResponse & spec.proto.runtime.v1.GetConfigurationResponse.$Shape} GetConfigurationResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.GetConfigurationResponse;
                }

                namespace GetConfigurationResponse {

                    /** Properties of a GetConfigurationResponse. */
                    interface $Properties {

                        /** GetConfigurationResponse items */
                        items?: (spec.proto.runtime.v1.ConfigurationItem.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetConfigurationResponse. */
                    type $Shape = spec.proto.runtime.v1.GetConfigurationResponse.$Properties;
                }

                /**
                 * Properties of a SubscribeConfigurationRequest.
                 * @deprecated Use spec.proto.runtime.v1.SubscribeConfigurationRequest.$Properties instead.
                 */
                interface ISubscribeConfigurationRequest extends spec.proto.runtime.v1.SubscribeConfigurationRequest.$Properties {
                }

                /** Represents a SubscribeConfigurationRequest. */
                class SubscribeConfigurationRequest {

                    /**
                     * Constructs a new SubscribeConfigurationRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.SubscribeConfigurationRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** SubscribeConfigurationRequest storeName. */
                    storeName: string;

                    /** SubscribeConfigurationRequest appId. */
                    appId: string;

                    /** SubscribeConfigurationRequest group. */
                    group: string;

                    /** SubscribeConfigurationRequest label. */
                    label: string;

                    /** SubscribeConfigurationRequest keys. */
                    keys: string[];

                    /** SubscribeConfigurationRequest metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified SubscribeConfigurationRequest message. Does not implicitly {@link spec.proto.runtime.v1.SubscribeConfigurationRequest.verify|verify} messages.
                     * @param message SubscribeConfigurationRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.SubscribeConfigurationRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a SubscribeConfigurationRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.SubscribeConfigurationRequest & spec.proto.runtime.v1.SubscribeConfigurationRequest.$Shape} SubscribeConfigurationRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.SubscribeConfigurationRequest;
                }

                namespace SubscribeConfigurationRequest {

                    /** Properties of a SubscribeConfigurationRequest. */
                    interface $Properties {

                        /** SubscribeConfigurationRequest storeName */
                        storeName?: (string|null);

                        /** SubscribeConfigurationRequest appId */
                        appId?: (string|null);

                        /** SubscribeConfigurationRequest group */
                        group?: (string|null);

                        /** SubscribeConfigurationRequest label */
                        label?: (string|null);

                        /** SubscribeConfigurationRequest keys */
                        keys?: (string[]|null);

                        /** SubscribeConfigurationRequest metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a SubscribeConfigurationRequest. */
                    type $Shape = spec.proto.runtime.v1.SubscribeConfigurationRequest.$Properties;
                }

                /**
                 * Properties of a SubscribeConfigurationResponse.
                 * @deprecated Use spec.proto.runtime.v1.SubscribeConfigurationResponse.$Properties instead.
                 */
                interface ISubscribeConfigurationResponse extends spec.proto.runtime.v1.SubscribeConfigurationResponse.$Properties {
                }

                /** Represents a SubscribeConfigurationResponse. */
                class SubscribeConfigurationResponse {

                    /**
                     * Constructs a new SubscribeConfigurationResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.SubscribeConfigurationResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** SubscribeConfigurationResponse storeName. */
                    storeName: string;

                    /** SubscribeConfigurationResponse appId. */
                    appId: string;

                    /** SubscribeConfigurationResponse items. */
                    items: spec.proto.runtime.v1.ConfigurationItem[];

                    /**
                     * Encodes the specified SubscribeConfigurationResponse message. Does not implicitly {@link spec.proto.runtime.v1.SubscribeConfigurationResponse.verify|verify} messages.
                     * @param message SubscribeConfigurationResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.SubscribeConfigurationResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a SubscribeConfigurationResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.SubscribeConfigurationResponse & spec.proto.runtime.v1.SubscribeConfigurationResponse.$Shape} SubscribeConfigurationResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.SubscribeConfigurationResponse;
                }

                namespace SubscribeConfigurationResponse {

                    /** Properties of a SubscribeConfigurationResponse. */
                    interface $Properties {

                        /** SubscribeConfigurationResponse storeName */
                        storeName?: (string|null);

                        /** SubscribeConfigurationResponse appId */
                        appId?: (string|null);

                        /** SubscribeConfigurationResponse items */
                        items?: (spec.proto.runtime.v1.ConfigurationItem.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a SubscribeConfigurationResponse. */
                    type $Shape = spec.proto.runtime.v1.SubscribeConfigurationResponse.$Properties;
                }

                /**
                 * Properties of a SaveConfigurationRequest.
                 * @deprecated Use spec.proto.runtime.v1.SaveConfigurationRequest.$Properties instead.
                 */
                interface ISaveConfigurationRequest extends spec.proto.runtime.v1.SaveConfigurationRequest.$Properties {
                }

                /** Represents a SaveConfigurationRequest. */
                class SaveConfigurationRequest {

                    /**
                     * Constructs a new SaveConfigurationRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.SaveConfigurationRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** SaveConfigurationRequest storeName. */
                    storeName: string;

                    /** SaveConfigurationRequest appId. */
                    appId: string;

                    /** SaveConfigurationRequest items. */
                    items: spec.proto.runtime.v1.ConfigurationItem[];

                    /** SaveConfigurationRequest metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified SaveConfigurationRequest message. Does not implicitly {@link spec.proto.runtime.v1.SaveConfigurationRequest.verify|verify} messages.
                     * @param message SaveConfigurationRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.SaveConfigurationRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a SaveConfigurationRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.SaveConfigurationRequest & spec.proto.runtime.v1.SaveConfigurationRequest.$Shape} SaveConfigurationRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.SaveConfigurationRequest;
                }

                namespace SaveConfigurationRequest {

                    /** Properties of a SaveConfigurationRequest. */
                    interface $Properties {

                        /** SaveConfigurationRequest storeName */
                        storeName?: (string|null);

                        /** SaveConfigurationRequest appId */
                        appId?: (string|null);

                        /** SaveConfigurationRequest items */
                        items?: (spec.proto.runtime.v1.ConfigurationItem.$Properties[]|null);

                        /** SaveConfigurationRequest metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a SaveConfigurationRequest. */
                    type $Shape = spec.proto.runtime.v1.SaveConfigurationRequest.$Properties;
                }

                /**
                 * Properties of a DeleteConfigurationRequest.
                 * @deprecated Use spec.proto.runtime.v1.DeleteConfigurationRequest.$Properties instead.
                 */
                interface IDeleteConfigurationRequest extends spec.proto.runtime.v1.DeleteConfigurationRequest.$Properties {
                }

                /** Represents a DeleteConfigurationRequest. */
                class DeleteConfigurationRequest {

                    /**
                     * Constructs a new DeleteConfigurationRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.DeleteConfigurationRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** DeleteConfigurationRequest storeName. */
                    storeName: string;

                    /** DeleteConfigurationRequest appId. */
                    appId: string;

                    /** DeleteConfigurationRequest group. */
                    group: string;

                    /** DeleteConfigurationRequest label. */
                    label: string;

                    /** DeleteConfigurationRequest keys. */
                    keys: string[];

                    /** DeleteConfigurationRequest metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified DeleteConfigurationRequest message. Does not implicitly {@link spec.proto.runtime.v1.DeleteConfigurationRequest.verify|verify} messages.
                     * @param message DeleteConfigurationRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.DeleteConfigurationRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a DeleteConfigurationRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.DeleteConfigurationRequest & spec.proto.runtime.v1.DeleteConfigurationRequest.$Shape} DeleteConfigurationRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.DeleteConfigurationRequest;
                }

                namespace DeleteConfigurationRequest {

                    /** Properties of a DeleteConfigurationRequest. */
                    interface $Properties {

                        /** DeleteConfigurationRequest storeName */
                        storeName?: (string|null);

                        /** DeleteConfigurationRequest appId */
                        appId?: (string|null);

                        /** DeleteConfigurationRequest group */
                        group?: (string|null);

                        /** DeleteConfigurationRequest label */
                        label?: (string|null);

                        /** DeleteConfigurationRequest keys */
                        keys?: (string[]|null);

                        /** DeleteConfigurationRequest metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a DeleteConfigurationRequest. */
                    type $Shape = spec.proto.runtime.v1.DeleteConfigurationRequest.$Properties;
                }

                /**
                 * Properties of a TryLockRequest.
                 * @deprecated Use spec.proto.runtime.v1.TryLockRequest.$Properties instead.
                 */
                interface ITryLockRequest extends spec.proto.runtime.v1.TryLockRequest.$Properties {
                }

                /** Represents a TryLockRequest. */
                class TryLockRequest {

                    /**
                     * Constructs a new TryLockRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.TryLockRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** TryLockRequest storeName. */
                    storeName: string;

                    /** TryLockRequest resourceId. */
                    resourceId: string;

                    /** TryLockRequest lockOwner. */
                    lockOwner: string;

                    /** TryLockRequest expire. */
                    expire: number;

                    /**
                     * Encodes the specified TryLockRequest message. Does not implicitly {@link spec.proto.runtime.v1.TryLockRequest.verify|verify} messages.
                     * @param message TryLockRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.TryLockRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a TryLockRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.TryLockRequest & spec.proto.runtime.v1.TryLockRequest.$Shape} TryLockRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.TryLockRequest;
                }

                namespace TryLockRequest {

                    /** Properties of a TryLockRequest. */
                    interface $Properties {

                        /** TryLockRequest storeName */
                        storeName?: (string|null);

                        /** TryLockRequest resourceId */
                        resourceId?: (string|null);

                        /** TryLockRequest lockOwner */
                        lockOwner?: (string|null);

                        /** TryLockRequest expire */
                        expire?: (number|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a TryLockRequest. */
                    type $Shape = spec.proto.runtime.v1.TryLockRequest.$Properties;
                }

                /**
                 * Properties of a TryLockResponse.
                 * @deprecated Use spec.proto.runtime.v1.TryLockResponse.$Properties instead.
                 */
                interface ITryLockResponse extends spec.proto.runtime.v1.TryLockResponse.$Properties {
                }

                /** Represents a TryLockResponse. */
                class TryLockResponse {

                    /**
                     * Constructs a new TryLockResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.TryLockResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** TryLockResponse success. */
                    success: boolean;

                    /**
                     * Encodes the specified TryLockResponse message. Does not implicitly {@link spec.proto.runtime.v1.TryLockResponse.verify|verify} messages.
                     * @param message TryLockResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.TryLockResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a TryLockResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.TryLockResponse & spec.proto.runtime.v1.TryLockResponse.$Shape} TryLockResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.TryLockResponse;
                }

                namespace TryLockResponse {

                    /** Properties of a TryLockResponse. */
                    interface $Properties {

                        /** TryLockResponse success */
                        success?: (boolean|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a TryLockResponse. */
                    type $Shape = spec.proto.runtime.v1.TryLockResponse.$Properties;
                }

                /**
                 * Properties of an UnlockRequest.
                 * @deprecated Use spec.proto.runtime.v1.UnlockRequest.$Properties instead.
                 */
                interface IUnlockRequest extends spec.proto.runtime.v1.UnlockRequest.$Properties {
                }

                /** Represents an UnlockRequest. */
                class UnlockRequest {

                    /**
                     * Constructs a new UnlockRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.UnlockRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** UnlockRequest storeName. */
                    storeName: string;

                    /** UnlockRequest resourceId. */
                    resourceId: string;

                    /** UnlockRequest lockOwner. */
                    lockOwner: string;

                    /**
                     * Encodes the specified UnlockRequest message. Does not implicitly {@link spec.proto.runtime.v1.UnlockRequest.verify|verify} messages.
                     * @param message UnlockRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.UnlockRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an UnlockRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.UnlockRequest & spec.proto.runtime.v1.UnlockRequest.$Shape} UnlockRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.UnlockRequest;
                }

                namespace UnlockRequest {

                    /** Properties of an UnlockRequest. */
                    interface $Properties {

                        /** UnlockRequest storeName */
                        storeName?: (string|null);

                        /** UnlockRequest resourceId */
                        resourceId?: (string|null);

                        /** UnlockRequest lockOwner */
                        lockOwner?: (string|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an UnlockRequest. */
                    type $Shape = spec.proto.runtime.v1.UnlockRequest.$Properties;
                }

                /**
                 * Properties of an UnlockResponse.
                 * @deprecated Use spec.proto.runtime.v1.UnlockResponse.$Properties instead.
                 */
                interface IUnlockResponse extends spec.proto.runtime.v1.UnlockResponse.$Properties {
                }

                /** Represents an UnlockResponse. */
                class UnlockResponse {

                    /**
                     * Constructs a new UnlockResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.UnlockResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** UnlockResponse status. */
                    status: spec.proto.runtime.v1.UnlockResponse.Status;

                    /**
                     * Encodes the specified UnlockResponse message. Does not implicitly {@link spec.proto.runtime.v1.UnlockResponse.verify|verify} messages.
                     * @param message UnlockResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.UnlockResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an UnlockResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.UnlockResponse & spec.proto.runtime.v1.UnlockResponse.$Shape} UnlockResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.UnlockResponse;
                }

                namespace UnlockResponse {

                    /** Properties of an UnlockResponse. */
                    interface $Properties {

                        /** UnlockResponse status */
                        status?: (spec.proto.runtime.v1.UnlockResponse.Status|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an UnlockResponse. */
                    type $Shape = spec.proto.runtime.v1.UnlockResponse.$Properties;

                    /** Status enum. */
                    enum Status {

                        /** SUCCESS value */
                        SUCCESS = 0,

                        /** LOCK_UNEXIST value */
                        LOCK_UNEXIST = 1,

                        /** LOCK_BELONG_TO_OTHERS value */
                        LOCK_BELONG_TO_OTHERS = 2,

                        /** INTERNAL_ERROR value */
                        INTERNAL_ERROR = 3
                    }
                }

                /**
                 * Properties of a LockKeepAliveRequest.
                 * @deprecated Use spec.proto.runtime.v1.LockKeepAliveRequest.$Properties instead.
                 */
                interface ILockKeepAliveRequest extends spec.proto.runtime.v1.LockKeepAliveRequest.$Properties {
                }

                /** Represents a LockKeepAliveRequest. */
                class LockKeepAliveRequest {

                    /**
                     * Constructs a new LockKeepAliveRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.LockKeepAliveRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** LockKeepAliveRequest storeName. */
                    storeName: string;

                    /** LockKeepAliveRequest resourceId. */
                    resourceId: string;

                    /** LockKeepAliveRequest lockOwner. */
                    lockOwner: string;

                    /** LockKeepAliveRequest expire. */
                    expire: number;

                    /**
                     * Encodes the specified LockKeepAliveRequest message. Does not implicitly {@link spec.proto.runtime.v1.LockKeepAliveRequest.verify|verify} messages.
                     * @param message LockKeepAliveRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.LockKeepAliveRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a LockKeepAliveRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.LockKeepAliveRequest & spec.proto.runtime.v1.LockKeepAliveRequest.$Shape} LockKeepAliveRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.LockKeepAliveRequest;
                }

                namespace LockKeepAliveRequest {

                    /** Properties of a LockKeepAliveRequest. */
                    interface $Properties {

                        /** LockKeepAliveRequest storeName */
                        storeName?: (string|null);

                        /** LockKeepAliveRequest resourceId */
                        resourceId?: (string|null);

                        /** LockKeepAliveRequest lockOwner */
                        lockOwner?: (string|null);

                        /** LockKeepAliveRequest expire */
                        expire?: (number|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a LockKeepAliveRequest. */
                    type $Shape = spec.proto.runtime.v1.LockKeepAliveRequest.$Properties;
                }

                /**
                 * Properties of a LockKeepAliveResponse.
                 * @deprecated Use spec.proto.runtime.v1.LockKeepAliveResponse.$Properties instead.
                 */
                interface ILockKeepAliveResponse extends spec.proto.runtime.v1.LockKeepAliveResponse.$Properties {
                }

                /** Represents a LockKeepAliveResponse. */
                class LockKeepAliveResponse {

                    /**
                     * Constructs a new LockKeepAliveResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.LockKeepAliveResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** LockKeepAliveResponse status. */
                    status: spec.proto.runtime.v1.LockKeepAliveResponse.Status;

                    /**
                     * Encodes the specified LockKeepAliveResponse message. Does not implicitly {@link spec.proto.runtime.v1.LockKeepAliveResponse.verify|verify} messages.
                     * @param message LockKeepAliveResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.LockKeepAliveResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a LockKeepAliveResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.LockKeepAliveResponse & spec.proto.runtime.v1.LockKeepAliveResponse.$Shape} LockKeepAliveResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.LockKeepAliveResponse;
                }

                namespace LockKeepAliveResponse {

                    /** Properties of a LockKeepAliveResponse. */
                    interface $Properties {

                        /** LockKeepAliveResponse status */
                        status?: (spec.proto.runtime.v1.LockKeepAliveResponse.Status|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a LockKeepAliveResponse. */
                    type $Shape = spec.proto.runtime.v1.LockKeepAliveResponse.$Properties;

                    /** Status enum. */
                    enum Status {

                        /** SUCCESS value */
                        SUCCESS = 0,

                        /** LOCK_UNEXIST value */
                        LOCK_UNEXIST = 1,

                        /** LOCK_BELONG_TO_OTHERS value */
                        LOCK_BELONG_TO_OTHERS = 2,

                        /** INTERNAL_ERROR value */
                        INTERNAL_ERROR = 3
                    }
                }

                /**
                 * Properties of a GetNextIdRequest.
                 * @deprecated Use spec.proto.runtime.v1.GetNextIdRequest.$Properties instead.
                 */
                interface IGetNextIdRequest extends spec.proto.runtime.v1.GetNextIdRequest.$Properties {
                }

                /** Represents a GetNextIdRequest. */
                class GetNextIdRequest {

                    /**
                     * Constructs a new GetNextIdRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.GetNextIdRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetNextIdRequest storeName. */
                    storeName: string;

                    /** GetNextIdRequest key. */
                    key: string;

                    /** GetNextIdRequest options. */
                    options?: (spec.proto.runtime.v1.SequencerOptions|null);

                    /** GetNextIdRequest metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified GetNextIdRequest message. Does not implicitly {@link spec.proto.runtime.v1.GetNextIdRequest.verify|verify} messages.
                     * @param message GetNextIdRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.GetNextIdRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetNextIdRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.GetNextIdRequest & spec.proto.runtime.v1.GetNextIdRequest.$Shape} GetNextIdRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.GetNextIdRequest;
                }

                namespace GetNextIdRequest {

                    /** Properties of a GetNextIdRequest. */
                    interface $Properties {

                        /** GetNextIdRequest storeName */
                        storeName?: (string|null);

                        /** GetNextIdRequest key */
                        key?: (string|null);

                        /** GetNextIdRequest options */
                        options?: (spec.proto.runtime.v1.SequencerOptions.$Properties|null);

                        /** GetNextIdRequest metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetNextIdRequest. */
                    type $Shape = spec.proto.runtime.v1.GetNextIdRequest.$Properties;
                }

                /**
                 * Properties of a SequencerOptions.
                 * @deprecated Use spec.proto.runtime.v1.SequencerOptions.$Properties instead.
                 */
                interface ISequencerOptions extends spec.proto.runtime.v1.SequencerOptions.$Properties {
                }

                /** Represents a SequencerOptions. */
                class SequencerOptions {

                    /**
                     * Constructs a new SequencerOptions.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.SequencerOptions.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** SequencerOptions increment. */
                    increment: spec.proto.runtime.v1.SequencerOptions.AutoIncrement;

                    /**
                     * Encodes the specified SequencerOptions message. Does not implicitly {@link spec.proto.runtime.v1.SequencerOptions.verify|verify} messages.
                     * @param message SequencerOptions message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.SequencerOptions.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a SequencerOptions message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.SequencerOptions & spec.proto.runtime.v1.SequencerOptions.$Shape} SequencerOptions
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.SequencerOptions;
                }

                namespace SequencerOptions {

                    /** Properties of a SequencerOptions. */
                    interface $Properties {

                        /** SequencerOptions increment */
                        increment?: (spec.proto.runtime.v1.SequencerOptions.AutoIncrement|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a SequencerOptions. */
                    type $Shape = spec.proto.runtime.v1.SequencerOptions.$Properties;

                    /** AutoIncrement enum. */
                    enum AutoIncrement {

                        /** WEAK value */
                        WEAK = 0,

                        /** STRONG value */
                        STRONG = 1
                    }
                }

                /**
                 * Properties of a GetNextIdResponse.
                 * @deprecated Use spec.proto.runtime.v1.GetNextIdResponse.$Properties instead.
                 */
                interface IGetNextIdResponse extends spec.proto.runtime.v1.GetNextIdResponse.$Properties {
                }

                /** Represents a GetNextIdResponse. */
                class GetNextIdResponse {

                    /**
                     * Constructs a new GetNextIdResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.GetNextIdResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetNextIdResponse nextId. */
                    nextId: (number|Long);

                    /**
                     * Encodes the specified GetNextIdResponse message. Does not implicitly {@link spec.proto.runtime.v1.GetNextIdResponse.verify|verify} messages.
                     * @param message GetNextIdResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.GetNextIdResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetNextIdResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.GetNextIdResponse & spec.proto.runtime.v1.GetNextIdResponse.$Shape} GetNextIdResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.GetNextIdResponse;
                }

                namespace GetNextIdResponse {

                    /** Properties of a GetNextIdResponse. */
                    interface $Properties {

                        /** GetNextIdResponse nextId */
                        nextId?: (number|Long|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetNextIdResponse. */
                    type $Shape = spec.proto.runtime.v1.GetNextIdResponse.$Properties;
                }

                /**
                 * Properties of a GetStateRequest.
                 * @deprecated Use spec.proto.runtime.v1.GetStateRequest.$Properties instead.
                 */
                interface IGetStateRequest extends spec.proto.runtime.v1.GetStateRequest.$Properties {
                }

                /** Represents a GetStateRequest. */
                class GetStateRequest {

                    /**
                     * Constructs a new GetStateRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.GetStateRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetStateRequest storeName. */
                    storeName: string;

                    /** GetStateRequest key. */
                    key: string;

                    /** GetStateRequest consistency. */
                    consistency: spec.proto.runtime.v1.StateOptions.StateConsistency;

                    /** GetStateRequest metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified GetStateRequest message. Does not implicitly {@link spec.proto.runtime.v1.GetStateRequest.verify|verify} messages.
                     * @param message GetStateRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.GetStateRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetStateRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.GetStateRequest & spec.proto.runtime.v1.GetStateRequest.$Shape} GetStateRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.GetStateRequest;
                }

                namespace GetStateRequest {

                    /** Properties of a GetStateRequest. */
                    interface $Properties {

                        /** GetStateRequest storeName */
                        storeName?: (string|null);

                        /** GetStateRequest key */
                        key?: (string|null);

                        /** GetStateRequest consistency */
                        consistency?: (spec.proto.runtime.v1.StateOptions.StateConsistency|null);

                        /** GetStateRequest metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetStateRequest. */
                    type $Shape = spec.proto.runtime.v1.GetStateRequest.$Properties;
                }

                /**
                 * Properties of a GetStateResponse.
                 * @deprecated Use spec.proto.runtime.v1.GetStateResponse.$Properties instead.
                 */
                interface IGetStateResponse extends spec.proto.runtime.v1.GetStateResponse.$Properties {
                }

                /** Represents a GetStateResponse. */
                class GetStateResponse {

                    /**
                     * Constructs a new GetStateResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.GetStateResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetStateResponse data. */
                    data: Uint8Array;

                    /** GetStateResponse etag. */
                    etag: string;

                    /** GetStateResponse metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified GetStateResponse message. Does not implicitly {@link spec.proto.runtime.v1.GetStateResponse.verify|verify} messages.
                     * @param message GetStateResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.GetStateResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetStateResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.GetStateResponse & spec.proto.runtime.v1.GetStateResponse.$Shape} GetStateResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.GetStateResponse;
                }

                namespace GetStateResponse {

                    /** Properties of a GetStateResponse. */
                    interface $Properties {

                        /** GetStateResponse data */
                        data?: (Uint8Array|null);

                        /** GetStateResponse etag */
                        etag?: (string|null);

                        /** GetStateResponse metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetStateResponse. */
                    type $Shape = spec.proto.runtime.v1.GetStateResponse.$Properties;
                }

                /**
                 * Properties of a GetBulkStateRequest.
                 * @deprecated Use spec.proto.runtime.v1.GetBulkStateRequest.$Properties instead.
                 */
                interface IGetBulkStateRequest extends spec.proto.runtime.v1.GetBulkStateRequest.$Properties {
                }

                /** Represents a GetBulkStateRequest. */
                class GetBulkStateRequest {

                    /**
                     * Constructs a new GetBulkStateRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.GetBulkStateRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetBulkStateRequest storeName. */
                    storeName: string;

                    /** GetBulkStateRequest keys. */
                    keys: string[];

                    /** GetBulkStateRequest parallelism. */
                    parallelism: number;

                    /** GetBulkStateRequest metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified GetBulkStateRequest message. Does not implicitly {@link spec.proto.runtime.v1.GetBulkStateRequest.verify|verify} messages.
                     * @param message GetBulkStateRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.GetBulkStateRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetBulkStateRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.GetBulkStateRequest & spec.proto.runtime.v1.GetBulkStateRequest.$Shape} GetBulkStateRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.GetBulkStateRequest;
                }

                namespace GetBulkStateRequest {

                    /** Properties of a GetBulkStateRequest. */
                    interface $Properties {

                        /** GetBulkStateRequest storeName */
                        storeName?: (string|null);

                        /** GetBulkStateRequest keys */
                        keys?: (string[]|null);

                        /** GetBulkStateRequest parallelism */
                        parallelism?: (number|null);

                        /** GetBulkStateRequest metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetBulkStateRequest. */
                    type $Shape = spec.proto.runtime.v1.GetBulkStateRequest.$Properties;
                }

                /**
                 * Properties of a GetBulkStateResponse.
                 * @deprecated Use spec.proto.runtime.v1.GetBulkStateResponse.$Properties instead.
                 */
                interface IGetBulkStateResponse extends spec.proto.runtime.v1.GetBulkStateResponse.$Properties {
                }

                /** Represents a GetBulkStateResponse. */
                class GetBulkStateResponse {

                    /**
                     * Constructs a new GetBulkStateResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.GetBulkStateResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetBulkStateResponse items. */
                    items: spec.proto.runtime.v1.BulkStateItem[];

                    /**
                     * Encodes the specified GetBulkStateResponse message. Does not implicitly {@link spec.proto.runtime.v1.GetBulkStateResponse.verify|verify} messages.
                     * @param message GetBulkStateResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.GetBulkStateResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetBulkStateResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.GetBulkStateResponse & spec.proto.runtime.v1.GetBulkStateResponse.$Shape} GetBulkStateResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.GetBulkStateResponse;
                }

                namespace GetBulkStateResponse {

                    /** Properties of a GetBulkStateResponse. */
                    interface $Properties {

                        /** GetBulkStateResponse items */
                        items?: (spec.proto.runtime.v1.BulkStateItem.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetBulkStateResponse. */
                    type $Shape = spec.proto.runtime.v1.GetBulkStateResponse.$Properties;
                }

                /**
                 * Properties of a BulkStateItem.
                 * @deprecated Use spec.proto.runtime.v1.BulkStateItem.$Properties instead.
                 */
                interface IBulkStateItem extends spec.proto.runtime.v1.BulkStateItem.$Properties {
                }

                /** Represents a BulkStateItem. */
                class BulkStateItem {

                    /**
                     * Constructs a new BulkStateItem.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.BulkStateItem.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** BulkStateItem key. */
                    key: string;

                    /** BulkStateItem data. */
                    data: Uint8Array;

                    /** BulkStateItem etag. */
                    etag: string;

                    /** BulkStateItem error. */
                    error: string;

                    /** BulkStateItem metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified BulkStateItem message. Does not implicitly {@link spec.proto.runtime.v1.BulkStateItem.verify|verify} messages.
                     * @param message BulkStateItem message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.BulkStateItem.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a BulkStateItem message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.BulkStateItem & spec.proto.runtime.v1.BulkStateItem.$Shape} BulkStateItem
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.BulkStateItem;
                }

                namespace BulkStateItem {

                    /** Properties of a BulkStateItem. */
                    interface $Properties {

                        /** BulkStateItem key */
                        key?: (string|null);

                        /** BulkStateItem data */
                        data?: (Uint8Array|null);

                        /** BulkStateItem etag */
                        etag?: (string|null);

                        /** BulkStateItem error */
                        error?: (string|null);

                        /** BulkStateItem metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a BulkStateItem. */
                    type $Shape = spec.proto.runtime.v1.BulkStateItem.$Properties;
                }

                /**
                 * Properties of a SaveStateRequest.
                 * @deprecated Use spec.proto.runtime.v1.SaveStateRequest.$Properties instead.
                 */
                interface ISaveStateRequest extends spec.proto.runtime.v1.SaveStateRequest.$Properties {
                }

                /** Represents a SaveStateRequest. */
                class SaveStateRequest {

                    /**
                     * Constructs a new SaveStateRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.SaveStateRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** SaveStateRequest storeName. */
                    storeName: string;

                    /** SaveStateRequest states. */
                    states: spec.proto.runtime.v1.StateItem[];

                    /**
                     * Encodes the specified SaveStateRequest message. Does not implicitly {@link spec.proto.runtime.v1.SaveStateRequest.verify|verify} messages.
                     * @param message SaveStateRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.SaveStateRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a SaveStateRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.SaveStateRequest & spec.proto.runtime.v1.SaveStateRequest.$Shape} SaveStateRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.SaveStateRequest;
                }

                namespace SaveStateRequest {

                    /** Properties of a SaveStateRequest. */
                    interface $Properties {

                        /** SaveStateRequest storeName */
                        storeName?: (string|null);

                        /** SaveStateRequest states */
                        states?: (spec.proto.runtime.v1.StateItem.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a SaveStateRequest. */
                    type $Shape = spec.proto.runtime.v1.SaveStateRequest.$Properties;
                }

                /**
                 * Properties of a DeleteStateRequest.
                 * @deprecated Use spec.proto.runtime.v1.DeleteStateRequest.$Properties instead.
                 */
                interface IDeleteStateRequest extends spec.proto.runtime.v1.DeleteStateRequest.$Properties {
                }

                /** Represents a DeleteStateRequest. */
                class DeleteStateRequest {

                    /**
                     * Constructs a new DeleteStateRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.DeleteStateRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** DeleteStateRequest storeName. */
                    storeName: string;

                    /** DeleteStateRequest key. */
                    key: string;

                    /** DeleteStateRequest etag. */
                    etag?: (spec.proto.runtime.v1.Etag|null);

                    /** DeleteStateRequest options. */
                    options?: (spec.proto.runtime.v1.StateOptions|null);

                    /** DeleteStateRequest metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified DeleteStateRequest message. Does not implicitly {@link spec.proto.runtime.v1.DeleteStateRequest.verify|verify} messages.
                     * @param message DeleteStateRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.DeleteStateRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a DeleteStateRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.DeleteStateRequest & spec.proto.runtime.v1.DeleteStateRequest.$Shape} DeleteStateRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.DeleteStateRequest;
                }

                namespace DeleteStateRequest {

                    /** Properties of a DeleteStateRequest. */
                    interface $Properties {

                        /** DeleteStateRequest storeName */
                        storeName?: (string|null);

                        /** DeleteStateRequest key */
                        key?: (string|null);

                        /** DeleteStateRequest etag */
                        etag?: (spec.proto.runtime.v1.Etag.$Properties|null);

                        /** DeleteStateRequest options */
                        options?: (spec.proto.runtime.v1.StateOptions.$Properties|null);

                        /** DeleteStateRequest metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a DeleteStateRequest. */
                    type $Shape = spec.proto.runtime.v1.DeleteStateRequest.$Properties;
                }

                /**
                 * Properties of a DeleteBulkStateRequest.
                 * @deprecated Use spec.proto.runtime.v1.DeleteBulkStateRequest.$Properties instead.
                 */
                interface IDeleteBulkStateRequest extends spec.proto.runtime.v1.DeleteBulkStateRequest.$Properties {
                }

                /** Represents a DeleteBulkStateRequest. */
                class DeleteBulkStateRequest {

                    /**
                     * Constructs a new DeleteBulkStateRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.DeleteBulkStateRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** DeleteBulkStateRequest storeName. */
                    storeName: string;

                    /** DeleteBulkStateRequest states. */
                    states: spec.proto.runtime.v1.StateItem[];

                    /**
                     * Encodes the specified DeleteBulkStateRequest message. Does not implicitly {@link spec.proto.runtime.v1.DeleteBulkStateRequest.verify|verify} messages.
                     * @param message DeleteBulkStateRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.DeleteBulkStateRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a DeleteBulkStateRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.DeleteBulkStateRequest & spec.proto.runtime.v1.DeleteBulkStateRequest.$Shape} DeleteBulkStateRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.DeleteBulkStateRequest;
                }

                namespace DeleteBulkStateRequest {

                    /** Properties of a DeleteBulkStateRequest. */
                    interface $Properties {

                        /** DeleteBulkStateRequest storeName */
                        storeName?: (string|null);

                        /** DeleteBulkStateRequest states */
                        states?: (spec.proto.runtime.v1.StateItem.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a DeleteBulkStateRequest. */
                    type $Shape = spec.proto.runtime.v1.DeleteBulkStateRequest.$Properties;
                }

                /**
                 * Properties of a StateItem.
                 * @deprecated Use spec.proto.runtime.v1.StateItem.$Properties instead.
                 */
                interface IStateItem extends spec.proto.runtime.v1.StateItem.$Properties {
                }

                /** Represents a StateItem. */
                class StateItem {

                    /**
                     * Constructs a new StateItem.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.StateItem.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** StateItem key. */
                    key: string;

                    /** StateItem value. */
                    value: Uint8Array;

                    /** StateItem etag. */
                    etag?: (spec.proto.runtime.v1.Etag|null);

                    /** StateItem metadata. */
                    metadata: { [k: string]: string };

                    /** StateItem options. */
                    options?: (spec.proto.runtime.v1.StateOptions|null);

                    /**
                     * Encodes the specified StateItem message. Does not implicitly {@link spec.proto.runtime.v1.StateItem.verify|verify} messages.
                     * @param message StateItem message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.StateItem.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a StateItem message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.StateItem & spec.proto.runtime.v1.StateItem.$Shape} StateItem
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.StateItem;
                }

                namespace StateItem {

                    /** Properties of a StateItem. */
                    interface $Properties {

                        /** StateItem key */
                        key?: (string|null);

                        /** StateItem value */
                        value?: (Uint8Array|null);

                        /** StateItem etag */
                        etag?: (spec.proto.runtime.v1.Etag.$Properties|null);

                        /** StateItem metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** StateItem options */
                        options?: (spec.proto.runtime.v1.StateOptions.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a StateItem. */
                    type $Shape = spec.proto.runtime.v1.StateItem.$Properties;
                }

                /**
                 * Properties of an Etag.
                 * @deprecated Use spec.proto.runtime.v1.Etag.$Properties instead.
                 */
                interface IEtag extends spec.proto.runtime.v1.Etag.$Properties {
                }

                /** Represents an Etag. */
                class Etag {

                    /**
                     * Constructs a new Etag.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.Etag.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Etag value. */
                    value: string;

                    /**
                     * Encodes the specified Etag message. Does not implicitly {@link spec.proto.runtime.v1.Etag.verify|verify} messages.
                     * @param message Etag message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.Etag.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an Etag message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.Etag & spec.proto.runtime.v1.Etag.$Shape} Etag
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.Etag;
                }

                namespace Etag {

                    /** Properties of an Etag. */
                    interface $Properties {

                        /** Etag value */
                        value?: (string|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an Etag. */
                    type $Shape = spec.proto.runtime.v1.Etag.$Properties;
                }

                /**
                 * Properties of a StateOptions.
                 * @deprecated Use spec.proto.runtime.v1.StateOptions.$Properties instead.
                 */
                interface IStateOptions extends spec.proto.runtime.v1.StateOptions.$Properties {
                }

                /** Represents a StateOptions. */
                class StateOptions {

                    /**
                     * Constructs a new StateOptions.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.StateOptions.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** StateOptions concurrency. */
                    concurrency: spec.proto.runtime.v1.StateOptions.StateConcurrency;

                    /** StateOptions consistency. */
                    consistency: spec.proto.runtime.v1.StateOptions.StateConsistency;

                    /**
                     * Encodes the specified StateOptions message. Does not implicitly {@link spec.proto.runtime.v1.StateOptions.verify|verify} messages.
                     * @param message StateOptions message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.StateOptions.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a StateOptions message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.StateOptions & spec.proto.runtime.v1.StateOptions.$Shape} StateOptions
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.StateOptions;
                }

                namespace StateOptions {

                    /** Properties of a StateOptions. */
                    interface $Properties {

                        /** StateOptions concurrency */
                        concurrency?: (spec.proto.runtime.v1.StateOptions.StateConcurrency|null);

                        /** StateOptions consistency */
                        consistency?: (spec.proto.runtime.v1.StateOptions.StateConsistency|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a StateOptions. */
                    type $Shape = spec.proto.runtime.v1.StateOptions.$Properties;

                    /** StateConcurrency enum. */
                    enum StateConcurrency {

                        /** CONCURRENCY_UNSPECIFIED value */
                        CONCURRENCY_UNSPECIFIED = 0,

                        /** CONCURRENCY_FIRST_WRITE value */
                        CONCURRENCY_FIRST_WRITE = 1,

                        /** CONCURRENCY_LAST_WRITE value */
                        CONCURRENCY_LAST_WRITE = 2
                    }

                    /** StateConsistency enum. */
                    enum StateConsistency {

                        /** CONSISTENCY_UNSPECIFIED value */
                        CONSISTENCY_UNSPECIFIED = 0,

                        /** CONSISTENCY_EVENTUAL value */
                        CONSISTENCY_EVENTUAL = 1,

                        /** CONSISTENCY_STRONG value */
                        CONSISTENCY_STRONG = 2
                    }
                }

                /**
                 * Properties of a TransactionalStateOperation.
                 * @deprecated Use spec.proto.runtime.v1.TransactionalStateOperation.$Properties instead.
                 */
                interface ITransactionalStateOperation extends spec.proto.runtime.v1.TransactionalStateOperation.$Properties {
                }

                /** Represents a TransactionalStateOperation. */
                class TransactionalStateOperation {

                    /**
                     * Constructs a new TransactionalStateOperation.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.TransactionalStateOperation.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** TransactionalStateOperation operationType. */
                    operationType: string;

                    /** TransactionalStateOperation request. */
                    request?: (spec.proto.runtime.v1.StateItem|null);

                    /**
                     * Encodes the specified TransactionalStateOperation message. Does not implicitly {@link spec.proto.runtime.v1.TransactionalStateOperation.verify|verify} messages.
                     * @param message TransactionalStateOperation message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.TransactionalStateOperation.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a TransactionalStateOperation message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.TransactionalStateOperation & spec.proto.runtime.v1.TransactionalStateOperation.$Shape} TransactionalStateOperation
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.TransactionalStateOperation;
                }

                namespace TransactionalStateOperation {

                    /** Properties of a TransactionalStateOperation. */
                    interface $Properties {

                        /** TransactionalStateOperation operationType */
                        operationType?: (string|null);

                        /** TransactionalStateOperation request */
                        request?: (spec.proto.runtime.v1.StateItem.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a TransactionalStateOperation. */
                    type $Shape = spec.proto.runtime.v1.TransactionalStateOperation.$Properties;
                }

                /**
                 * Properties of an ExecuteStateTransactionRequest.
                 * @deprecated Use spec.proto.runtime.v1.ExecuteStateTransactionRequest.$Properties instead.
                 */
                interface IExecuteStateTransactionRequest extends spec.proto.runtime.v1.ExecuteStateTransactionRequest.$Properties {
                }

                /** Represents an ExecuteStateTransactionRequest. */
                class ExecuteStateTransactionRequest {

                    /**
                     * Constructs a new ExecuteStateTransactionRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.ExecuteStateTransactionRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** ExecuteStateTransactionRequest storeName. */
                    storeName: string;

                    /** ExecuteStateTransactionRequest operations. */
                    operations: spec.proto.runtime.v1.TransactionalStateOperation[];

                    /** ExecuteStateTransactionRequest metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified ExecuteStateTransactionRequest message. Does not implicitly {@link spec.proto.runtime.v1.ExecuteStateTransactionRequest.verify|verify} messages.
                     * @param message ExecuteStateTransactionRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.ExecuteStateTransactionRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an ExecuteStateTransactionRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.ExecuteStateTransactionRequest & spec.proto.runtime.v1.ExecuteStateTransactionRequest.$Shape} ExecuteStateTransactionRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.ExecuteStateTransactionRequest;
                }

                namespace ExecuteStateTransactionRequest {

                    /** Properties of an ExecuteStateTransactionRequest. */
                    interface $Properties {

                        /** ExecuteStateTransactionRequest storeName */
                        storeName?: (string|null);

                        /** ExecuteStateTransactionRequest operations */
                        operations?: (spec.proto.runtime.v1.TransactionalStateOperation.$Properties[]|null);

                        /** ExecuteStateTransactionRequest metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an ExecuteStateTransactionRequest. */
                    type $Shape = spec.proto.runtime.v1.ExecuteStateTransactionRequest.$Properties;
                }

                /**
                 * Properties of a PublishEventRequest.
                 * @deprecated Use spec.proto.runtime.v1.PublishEventRequest.$Properties instead.
                 */
                interface IPublishEventRequest extends spec.proto.runtime.v1.PublishEventRequest.$Properties {
                }

                /** Represents a PublishEventRequest. */
                class PublishEventRequest {

                    /**
                     * Constructs a new PublishEventRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.PublishEventRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** PublishEventRequest pubsubName. */
                    pubsubName: string;

                    /** PublishEventRequest topic. */
                    topic: string;

                    /** PublishEventRequest data. */
                    data: Uint8Array;

                    /** PublishEventRequest dataContentType. */
                    dataContentType: string;

                    /** PublishEventRequest metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified PublishEventRequest message. Does not implicitly {@link spec.proto.runtime.v1.PublishEventRequest.verify|verify} messages.
                     * @param message PublishEventRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.PublishEventRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a PublishEventRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.PublishEventRequest & spec.proto.runtime.v1.PublishEventRequest.$Shape} PublishEventRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.PublishEventRequest;
                }

                namespace PublishEventRequest {

                    /** Properties of a PublishEventRequest. */
                    interface $Properties {

                        /** PublishEventRequest pubsubName */
                        pubsubName?: (string|null);

                        /** PublishEventRequest topic */
                        topic?: (string|null);

                        /** PublishEventRequest data */
                        data?: (Uint8Array|null);

                        /** PublishEventRequest dataContentType */
                        dataContentType?: (string|null);

                        /** PublishEventRequest metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a PublishEventRequest. */
                    type $Shape = spec.proto.runtime.v1.PublishEventRequest.$Properties;
                }

                /**
                 * Properties of a SubscribeTopicEventsRequest.
                 * @deprecated Use spec.proto.runtime.v1.SubscribeTopicEventsRequest.$Properties instead.
                 */
                interface ISubscribeTopicEventsRequest extends spec.proto.runtime.v1.SubscribeTopicEventsRequest.$Properties {
                }

                /** Represents a SubscribeTopicEventsRequest. */
                class SubscribeTopicEventsRequest {

                    /**
                     * Constructs a new SubscribeTopicEventsRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.SubscribeTopicEventsRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** SubscribeTopicEventsRequest initialRequest. */
                    initialRequest?: (spec.proto.runtime.v1.SubscribeTopicEventsRequestInitial|null);

                    /** SubscribeTopicEventsRequest eventProcessed. */
                    eventProcessed?: (spec.proto.runtime.v1.SubscribeTopicEventsRequestProcessed|null);

                    /** SubscribeTopicEventsRequest subscribeTopicEventsRequestType. */
                    subscribeTopicEventsRequestType?: ("initialRequest"|"eventProcessed");

                    /**
                     * Encodes the specified SubscribeTopicEventsRequest message. Does not implicitly {@link spec.proto.runtime.v1.SubscribeTopicEventsRequest.verify|verify} messages.
                     * @param message SubscribeTopicEventsRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.SubscribeTopicEventsRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a SubscribeTopicEventsRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.SubscribeTopicEventsRequest & spec.proto.runtime.v1.SubscribeTopicEventsRequest.$Shape} SubscribeTopicEventsRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.SubscribeTopicEventsRequest;
                }

                namespace SubscribeTopicEventsRequest {

                    /** Properties of a SubscribeTopicEventsRequest. */
                    interface $Properties {

                        /** SubscribeTopicEventsRequest initialRequest */
                        initialRequest?: (spec.proto.runtime.v1.SubscribeTopicEventsRequestInitial.$Properties|null);

                        /** SubscribeTopicEventsRequest eventProcessed */
                        eventProcessed?: (spec.proto.runtime.v1.SubscribeTopicEventsRequestProcessed.$Properties|null);

                        /** SubscribeTopicEventsRequest subscribeTopicEventsRequestType */
                        subscribeTopicEventsRequestType?: ("initialRequest"|"eventProcessed");

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Narrowed shape of a SubscribeTopicEventsRequest. */
                    type $Shape = {
                      initialRequest?: spec.proto.runtime.v1.SubscribeTopicEventsRequestInitial.$Shape|null;
                      eventProcessed?: spec.proto.runtime.v1.SubscribeTopicEventsRequestProcessed.$Shape|null;
                      $unknowns?: Uint8Array[];
                    } & (
                      ({ subscribeTopicEventsRequestType?: undefined; initialRequest?: null; eventProcessed?: null }|{ subscribeTopicEventsRequestType?: "initialRequest"; initialRequest: spec.proto.runtime.v1.SubscribeTopicEventsRequestInitial.$Shape; eventProcessed?: null }|{ subscribeTopicEventsRequestType?: "eventProcessed"; initialRequest?: null; eventProcessed: spec.proto.runtime.v1.SubscribeTopicEventsRequestProcessed.$Shape })
                    );
                }

                /**
                 * Properties of a SubscribeTopicEventsRequestInitial.
                 * @deprecated Use spec.proto.runtime.v1.SubscribeTopicEventsRequestInitial.$Properties instead.
                 */
                interface ISubscribeTopicEventsRequestInitial extends spec.proto.runtime.v1.SubscribeTopicEventsRequestInitial.$Properties {
                }

                /** Represents a SubscribeTopicEventsRequestInitial. */
                class SubscribeTopicEventsRequestInitial {

                    /**
                     * Constructs a new SubscribeTopicEventsRequestInitial.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.SubscribeTopicEventsRequestInitial.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** SubscribeTopicEventsRequestInitial pubsubName. */
                    pubsubName: string;

                    /** SubscribeTopicEventsRequestInitial topic. */
                    topic: string;

                    /** SubscribeTopicEventsRequestInitial metadata. */
                    metadata: { [k: string]: string };

                    /** SubscribeTopicEventsRequestInitial deadLetterTopic. */
                    deadLetterTopic: string;

                    /**
                     * Encodes the specified SubscribeTopicEventsRequestInitial message. Does not implicitly {@link spec.proto.runtime.v1.SubscribeTopicEventsRequestInitial.verify|verify} messages.
                     * @param message SubscribeTopicEventsRequestInitial message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.SubscribeTopicEventsRequestInitial.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a SubscribeTopicEventsRequestInitial message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.SubscribeTopicEventsRequestInitial & spec.proto.runtime.v1.SubscribeTopicEventsRequestInitial.$Shape} SubscribeTopicEventsRequestInitial
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.SubscribeTopicEventsRequestInitial;
                }

                namespace SubscribeTopicEventsRequestInitial {

                    /** Properties of a SubscribeTopicEventsRequestInitial. */
                    interface $Properties {

                        /** SubscribeTopicEventsRequestInitial pubsubName */
                        pubsubName?: (string|null);

                        /** SubscribeTopicEventsRequestInitial topic */
                        topic?: (string|null);

                        /** SubscribeTopicEventsRequestInitial metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** SubscribeTopicEventsRequestInitial deadLetterTopic */
                        deadLetterTopic?: (string|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a SubscribeTopicEventsRequestInitial. */
                    type $Shape = spec.proto.runtime.v1.SubscribeTopicEventsRequestInitial.$Properties;
                }

                /**
                 * Properties of a SubscribeTopicEventsRequestProcessed.
                 * @deprecated Use spec.proto.runtime.v1.SubscribeTopicEventsRequestProcessed.$Properties instead.
                 */
                interface ISubscribeTopicEventsRequestProcessed extends spec.proto.runtime.v1.SubscribeTopicEventsRequestProcessed.$Properties {
                }

                /** Represents a SubscribeTopicEventsRequestProcessed. */
                class SubscribeTopicEventsRequestProcessed {

                    /**
                     * Constructs a new SubscribeTopicEventsRequestProcessed.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.SubscribeTopicEventsRequestProcessed.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** SubscribeTopicEventsRequestProcessed id. */
                    id: string;

                    /** SubscribeTopicEventsRequestProcessed status. */
                    status?: (spec.proto.runtime.v1.TopicEventResponse|null);

                    /**
                     * Encodes the specified SubscribeTopicEventsRequestProcessed message. Does not implicitly {@link spec.proto.runtime.v1.SubscribeTopicEventsRequestProcessed.verify|verify} messages.
                     * @param message SubscribeTopicEventsRequestProcessed message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.SubscribeTopicEventsRequestProcessed.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a SubscribeTopicEventsRequestProcessed message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.SubscribeTopicEventsRequestProcessed & spec.proto.runtime.v1.SubscribeTopicEventsRequestProcessed.$Shape} SubscribeTopicEventsRequestProcessed
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.SubscribeTopicEventsRequestProcessed;
                }

                namespace SubscribeTopicEventsRequestProcessed {

                    /** Properties of a SubscribeTopicEventsRequestProcessed. */
                    interface $Properties {

                        /** SubscribeTopicEventsRequestProcessed id */
                        id?: (string|null);

                        /** SubscribeTopicEventsRequestProcessed status */
                        status?: (spec.proto.runtime.v1.TopicEventResponse.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a SubscribeTopicEventsRequestProcessed. */
                    type $Shape = spec.proto.runtime.v1.SubscribeTopicEventsRequestProcessed.$Properties;
                }

                /**
                 * Properties of a SubscribeTopicEventsResponse.
                 * @deprecated Use spec.proto.runtime.v1.SubscribeTopicEventsResponse.$Properties instead.
                 */
                interface ISubscribeTopicEventsResponse extends spec.proto.runtime.v1.SubscribeTopicEventsResponse.$Properties {
                }

                /** Represents a SubscribeTopicEventsResponse. */
                class SubscribeTopicEventsResponse {

                    /**
                     * Constructs a new SubscribeTopicEventsResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.SubscribeTopicEventsResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** SubscribeTopicEventsResponse initialResponse. */
                    initialResponse?: (spec.proto.runtime.v1.SubscribeTopicEventsResponseInitial|null);

                    /** SubscribeTopicEventsResponse eventMessage. */
                    eventMessage?: (spec.proto.runtime.v1.TopicEventRequest|null);

                    /** SubscribeTopicEventsResponse subscribeTopicEventsResponseType. */
                    subscribeTopicEventsResponseType?: ("initialResponse"|"eventMessage");

                    /**
                     * Encodes the specified SubscribeTopicEventsResponse message. Does not implicitly {@link spec.proto.runtime.v1.SubscribeTopicEventsResponse.verify|verify} messages.
                     * @param message SubscribeTopicEventsResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.SubscribeTopicEventsResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a SubscribeTopicEventsResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.SubscribeTopicEventsResponse & spec.proto.runtime.v1.SubscribeTopicEventsResponse.$Shape} SubscribeTopicEventsResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.SubscribeTopicEventsResponse;
                }

                namespace SubscribeTopicEventsResponse {

                    /** Properties of a SubscribeTopicEventsResponse. */
                    interface $Properties {

                        /** SubscribeTopicEventsResponse initialResponse */
                        initialResponse?: (spec.proto.runtime.v1.SubscribeTopicEventsResponseInitial.$Properties|null);

                        /** SubscribeTopicEventsResponse eventMessage */
                        eventMessage?: (spec.proto.runtime.v1.TopicEventRequest.$Properties|null);

                        /** SubscribeTopicEventsResponse subscribeTopicEventsResponseType */
                        subscribeTopicEventsResponseType?: ("initialResponse"|"eventMessage");

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Narrowed shape of a SubscribeTopicEventsResponse. */
                    type $Shape = {
                      initialResponse?: spec.proto.runtime.v1.SubscribeTopicEventsResponseInitial.$Shape|null;
                      eventMessage?: spec.proto.runtime.v1.TopicEventRequest.$Shape|null;
                      $unknowns?: Uint8Array[];
                    } & (
                      ({ subscribeTopicEventsResponseType?: undefined; initialResponse?: null; eventMessage?: null }|{ subscribeTopicEventsResponseType?: "initialResponse"; initialResponse: spec.proto.runtime.v1.SubscribeTopicEventsResponseInitial.$Shape; eventMessage?: null }|{ subscribeTopicEventsResponseType?: "eventMessage"; initialResponse?: null; eventMessage: spec.proto.runtime.v1.TopicEventRequest.$Shape })
                    );
                }

                /**
                 * Properties of a SubscribeTopicEventsResponseInitial.
                 * @deprecated Use spec.proto.runtime.v1.SubscribeTopicEventsResponseInitial.$Properties instead.
                 */
                interface ISubscribeTopicEventsResponseInitial extends spec.proto.runtime.v1.SubscribeTopicEventsResponseInitial.$Properties {
                }

                /** Represents a SubscribeTopicEventsResponseInitial. */
                class SubscribeTopicEventsResponseInitial {

                    /**
                     * Constructs a new SubscribeTopicEventsResponseInitial.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.SubscribeTopicEventsResponseInitial.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /**
                     * Encodes the specified SubscribeTopicEventsResponseInitial message. Does not implicitly {@link spec.proto.runtime.v1.SubscribeTopicEventsResponseInitial.verify|verify} messages.
                     * @param message SubscribeTopicEventsResponseInitial message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.SubscribeTopicEventsResponseInitial.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a SubscribeTopicEventsResponseInitial message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.SubscribeTopicEventsResponseInitial & spec.proto.runtime.v1.SubscribeTopicEventsResponseInitial.$Shape} SubscribeTopicEventsResponseInitial
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.SubscribeTopicEventsResponseInitial;
                }

                namespace SubscribeTopicEventsResponseInitial {

                    /** Properties of a SubscribeTopicEventsResponseInitial. */
                    interface $Properties {

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a SubscribeTopicEventsResponseInitial. */
                    type $Shape = spec.proto.runtime.v1.SubscribeTopicEventsResponseInitial.$Properties;
                }

                /**
                 * Properties of a GetFileRequest.
                 * @deprecated Use spec.proto.runtime.v1.GetFileRequest.$Properties instead.
                 */
                interface IGetFileRequest extends spec.proto.runtime.v1.GetFileRequest.$Properties {
                }

                /** Represents a GetFileRequest. */
                class GetFileRequest {

                    /**
                     * Constructs a new GetFileRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.GetFileRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetFileRequest storeName. */
                    storeName: string;

                    /** GetFileRequest name. */
                    name: string;

                    /** GetFileRequest metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified GetFileRequest message. Does not implicitly {@link spec.proto.runtime.v1.GetFileRequest.verify|verify} messages.
                     * @param message GetFileRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.GetFileRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetFileRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.GetFileRequest & spec.proto.runtime.v1.GetFileRequest.$Shape} GetFileRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.GetFileRequest;
                }

                namespace GetFileRequest {

                    /** Properties of a GetFileRequest. */
                    interface $Properties {

                        /** GetFileRequest storeName */
                        storeName?: (string|null);

                        /** GetFileRequest name */
                        name?: (string|null);

                        /** GetFileRequest metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetFileRequest. */
                    type $Shape = spec.proto.runtime.v1.GetFileRequest.$Properties;
                }

                /**
                 * Properties of a GetFileResponse.
                 * @deprecated Use spec.proto.runtime.v1.GetFileResponse.$Properties instead.
                 */
                interface IGetFileResponse extends spec.proto.runtime.v1.GetFileResponse.$Properties {
                }

                /** Represents a GetFileResponse. */
                class GetFileResponse {

                    /**
                     * Constructs a new GetFileResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.GetFileResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetFileResponse data. */
                    data: Uint8Array;

                    /**
                     * Encodes the specified GetFileResponse message. Does not implicitly {@link spec.proto.runtime.v1.GetFileResponse.verify|verify} messages.
                     * @param message GetFileResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.GetFileResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetFileResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.GetFileResponse & spec.proto.runtime.v1.GetFileResponse.$Shape} GetFileResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.GetFileResponse;
                }

                namespace GetFileResponse {

                    /** Properties of a GetFileResponse. */
                    interface $Properties {

                        /** GetFileResponse data */
                        data?: (Uint8Array|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetFileResponse. */
                    type $Shape = spec.proto.runtime.v1.GetFileResponse.$Properties;
                }

                /**
                 * Properties of a PutFileRequest.
                 * @deprecated Use spec.proto.runtime.v1.PutFileRequest.$Properties instead.
                 */
                interface IPutFileRequest extends spec.proto.runtime.v1.PutFileRequest.$Properties {
                }

                /** Represents a PutFileRequest. */
                class PutFileRequest {

                    /**
                     * Constructs a new PutFileRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.PutFileRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** PutFileRequest storeName. */
                    storeName: string;

                    /** PutFileRequest name. */
                    name: string;

                    /** PutFileRequest data. */
                    data: Uint8Array;

                    /** PutFileRequest metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified PutFileRequest message. Does not implicitly {@link spec.proto.runtime.v1.PutFileRequest.verify|verify} messages.
                     * @param message PutFileRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.PutFileRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a PutFileRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.PutFileRequest & spec.proto.runtime.v1.PutFileRequest.$Shape} PutFileRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.PutFileRequest;
                }

                namespace PutFileRequest {

                    /** Properties of a PutFileRequest. */
                    interface $Properties {

                        /** PutFileRequest storeName */
                        storeName?: (string|null);

                        /** PutFileRequest name */
                        name?: (string|null);

                        /** PutFileRequest data */
                        data?: (Uint8Array|null);

                        /** PutFileRequest metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a PutFileRequest. */
                    type $Shape = spec.proto.runtime.v1.PutFileRequest.$Properties;
                }

                /**
                 * Properties of a FileRequest.
                 * @deprecated Use spec.proto.runtime.v1.FileRequest.$Properties instead.
                 */
                interface IFileRequest extends spec.proto.runtime.v1.FileRequest.$Properties {
                }

                /** Represents a FileRequest. */
                class FileRequest {

                    /**
                     * Constructs a new FileRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.FileRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** FileRequest storeName. */
                    storeName: string;

                    /** FileRequest name. */
                    name: string;

                    /** FileRequest metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified FileRequest message. Does not implicitly {@link spec.proto.runtime.v1.FileRequest.verify|verify} messages.
                     * @param message FileRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.FileRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a FileRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.FileRequest & spec.proto.runtime.v1.FileRequest.$Shape} FileRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.FileRequest;
                }

                namespace FileRequest {

                    /** Properties of a FileRequest. */
                    interface $Properties {

                        /** FileRequest storeName */
                        storeName?: (string|null);

                        /** FileRequest name */
                        name?: (string|null);

                        /** FileRequest metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a FileRequest. */
                    type $Shape = spec.proto.runtime.v1.FileRequest.$Properties;
                }

                /**
                 * Properties of a ListFileRequest.
                 * @deprecated Use spec.proto.runtime.v1.ListFileRequest.$Properties instead.
                 */
                interface IListFileRequest extends spec.proto.runtime.v1.ListFileRequest.$Properties {
                }

                /** Represents a ListFileRequest. */
                class ListFileRequest {

                    /**
                     * Constructs a new ListFileRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.ListFileRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** ListFileRequest request. */
                    request?: (spec.proto.runtime.v1.FileRequest|null);

                    /** ListFileRequest pageSize. */
                    pageSize: number;

                    /** ListFileRequest marker. */
                    marker: string;

                    /**
                     * Encodes the specified ListFileRequest message. Does not implicitly {@link spec.proto.runtime.v1.ListFileRequest.verify|verify} messages.
                     * @param message ListFileRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.ListFileRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a ListFileRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.ListFileRequest & spec.proto.runtime.v1.ListFileRequest.$Shape} ListFileRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.ListFileRequest;
                }

                namespace ListFileRequest {

                    /** Properties of a ListFileRequest. */
                    interface $Properties {

                        /** ListFileRequest request */
                        request?: (spec.proto.runtime.v1.FileRequest.$Properties|null);

                        /** ListFileRequest pageSize */
                        pageSize?: (number|null);

                        /** ListFileRequest marker */
                        marker?: (string|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a ListFileRequest. */
                    type $Shape = spec.proto.runtime.v1.ListFileRequest.$Properties;
                }

                /**
                 * Properties of a FileInfo.
                 * @deprecated Use spec.proto.runtime.v1.FileInfo.$Properties instead.
                 */
                interface IFileInfo extends spec.proto.runtime.v1.FileInfo.$Properties {
                }

                /** Represents a FileInfo. */
                class FileInfo {

                    /**
                     * Constructs a new FileInfo.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.FileInfo.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** FileInfo fileName. */
                    fileName: string;

                    /** FileInfo size. */
                    size: (number|Long);

                    /** FileInfo lastModified. */
                    lastModified: string;

                    /** FileInfo metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified FileInfo message. Does not implicitly {@link spec.proto.runtime.v1.FileInfo.verify|verify} messages.
                     * @param message FileInfo message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.FileInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a FileInfo message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.FileInfo & spec.proto.runtime.v1.FileInfo.$Shape} FileInfo
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.FileInfo;
                }

                namespace FileInfo {

                    /** Properties of a FileInfo. */
                    interface $Properties {

                        /** FileInfo fileName */
                        fileName?: (string|null);

                        /** FileInfo size */
                        size?: (number|Long|null);

                        /** FileInfo lastModified */
                        lastModified?: (string|null);

                        /** FileInfo metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a FileInfo. */
                    type $Shape = spec.proto.runtime.v1.FileInfo.$Properties;
                }

                /**
                 * Properties of a ListFileResp.
                 * @deprecated Use spec.proto.runtime.v1.ListFileResp.$Properties instead.
                 */
                interface IListFileResp extends spec.proto.runtime.v1.ListFileResp.$Properties {
                }

                /** Represents a ListFileResp. */
                class ListFileResp {

                    /**
                     * Constructs a new ListFileResp.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.ListFileResp.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** ListFileResp files. */
                    files: spec.proto.runtime.v1.FileInfo[];

                    /** ListFileResp marker. */
                    marker: string;

                    /** ListFileResp isTruncated. */
                    isTruncated: boolean;

                    /**
                     * Encodes the specified ListFileResp message. Does not implicitly {@link spec.proto.runtime.v1.ListFileResp.verify|verify} messages.
                     * @param message ListFileResp message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.ListFileResp.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a ListFileResp message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.ListFileResp & spec.proto.runtime.v1.ListFileResp.$Shape} ListFileResp
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.ListFileResp;
                }

                namespace ListFileResp {

                    /** Properties of a ListFileResp. */
                    interface $Properties {

                        /** ListFileResp files */
                        files?: (spec.proto.runtime.v1.FileInfo.$Properties[]|null);

                        /** ListFileResp marker */
                        marker?: (string|null);

                        /** ListFileResp isTruncated */
                        isTruncated?: (boolean|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a ListFileResp. */
                    type $Shape = spec.proto.runtime.v1.ListFileResp.$Properties;
                }

                /**
                 * Properties of a DelFileRequest.
                 * @deprecated Use spec.proto.runtime.v1.DelFileRequest.$Properties instead.
                 */
                interface IDelFileRequest extends spec.proto.runtime.v1.DelFileRequest.$Properties {
                }

                /** Represents a DelFileRequest. */
                class DelFileRequest {

                    /**
                     * Constructs a new DelFileRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.DelFileRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** DelFileRequest request. */
                    request?: (spec.proto.runtime.v1.FileRequest|null);

                    /**
                     * Encodes the specified DelFileRequest message. Does not implicitly {@link spec.proto.runtime.v1.DelFileRequest.verify|verify} messages.
                     * @param message DelFileRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.DelFileRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a DelFileRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.DelFileRequest & spec.proto.runtime.v1.DelFileRequest.$Shape} DelFileRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.DelFileRequest;
                }

                namespace DelFileRequest {

                    /** Properties of a DelFileRequest. */
                    interface $Properties {

                        /** DelFileRequest request */
                        request?: (spec.proto.runtime.v1.FileRequest.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a DelFileRequest. */
                    type $Shape = spec.proto.runtime.v1.DelFileRequest.$Properties;
                }

                /**
                 * Properties of a GetFileMetaRequest.
                 * @deprecated Use spec.proto.runtime.v1.GetFileMetaRequest.$Properties instead.
                 */
                interface IGetFileMetaRequest extends spec.proto.runtime.v1.GetFileMetaRequest.$Properties {
                }

                /** Represents a GetFileMetaRequest. */
                class GetFileMetaRequest {

                    /**
                     * Constructs a new GetFileMetaRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.GetFileMetaRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetFileMetaRequest request. */
                    request?: (spec.proto.runtime.v1.FileRequest|null);

                    /**
                     * Encodes the specified GetFileMetaRequest message. Does not implicitly {@link spec.proto.runtime.v1.GetFileMetaRequest.verify|verify} messages.
                     * @param message GetFileMetaRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.GetFileMetaRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetFileMetaRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.GetFileMetaRequest & spec.proto.runtime.v1.GetFileMetaRequest.$Shape} GetFileMetaRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.GetFileMetaRequest;
                }

                namespace GetFileMetaRequest {

                    /** Properties of a GetFileMetaRequest. */
                    interface $Properties {

                        /** GetFileMetaRequest request */
                        request?: (spec.proto.runtime.v1.FileRequest.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetFileMetaRequest. */
                    type $Shape = spec.proto.runtime.v1.GetFileMetaRequest.$Properties;
                }

                /**
                 * Properties of a GetFileMetaResponse.
                 * @deprecated Use spec.proto.runtime.v1.GetFileMetaResponse.$Properties instead.
                 */
                interface IGetFileMetaResponse extends spec.proto.runtime.v1.GetFileMetaResponse.$Properties {
                }

                /** Represents a GetFileMetaResponse. */
                class GetFileMetaResponse {

                    /**
                     * Constructs a new GetFileMetaResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.GetFileMetaResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetFileMetaResponse size. */
                    size: (number|Long);

                    /** GetFileMetaResponse lastModified. */
                    lastModified: string;

                    /** GetFileMetaResponse response. */
                    response?: (spec.proto.runtime.v1.FileMeta|null);

                    /**
                     * Encodes the specified GetFileMetaResponse message. Does not implicitly {@link spec.proto.runtime.v1.GetFileMetaResponse.verify|verify} messages.
                     * @param message GetFileMetaResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.GetFileMetaResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetFileMetaResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.GetFileMetaResponse & spec.proto.runtime.v1.GetFileMetaResponse.$Shape} GetFileMetaResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.GetFileMetaResponse;
                }

                namespace GetFileMetaResponse {

                    /** Properties of a GetFileMetaResponse. */
                    interface $Properties {

                        /** GetFileMetaResponse size */
                        size?: (number|Long|null);

                        /** GetFileMetaResponse lastModified */
                        lastModified?: (string|null);

                        /** GetFileMetaResponse response */
                        response?: (spec.proto.runtime.v1.FileMeta.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetFileMetaResponse. */
                    type $Shape = spec.proto.runtime.v1.GetFileMetaResponse.$Properties;
                }

                /**
                 * Properties of a FileMetaValue.
                 * @deprecated Use spec.proto.runtime.v1.FileMetaValue.$Properties instead.
                 */
                interface IFileMetaValue extends spec.proto.runtime.v1.FileMetaValue.$Properties {
                }

                /** Represents a FileMetaValue. */
                class FileMetaValue {

                    /**
                     * Constructs a new FileMetaValue.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.FileMetaValue.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** FileMetaValue value. */
                    value: string[];

                    /**
                     * Encodes the specified FileMetaValue message. Does not implicitly {@link spec.proto.runtime.v1.FileMetaValue.verify|verify} messages.
                     * @param message FileMetaValue message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.FileMetaValue.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a FileMetaValue message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.FileMetaValue & spec.proto.runtime.v1.FileMetaValue.$Shape} FileMetaValue
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.FileMetaValue;
                }

                namespace FileMetaValue {

                    /** Properties of a FileMetaValue. */
                    interface $Properties {

                        /** FileMetaValue value */
                        value?: (string[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a FileMetaValue. */
                    type $Shape = spec.proto.runtime.v1.FileMetaValue.$Properties;
                }

                /**
                 * Properties of a FileMeta.
                 * @deprecated Use spec.proto.runtime.v1.FileMeta.$Properties instead.
                 */
                interface IFileMeta extends spec.proto.runtime.v1.FileMeta.$Properties {
                }

                /** Represents a FileMeta. */
                class FileMeta {

                    /**
                     * Constructs a new FileMeta.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.FileMeta.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** FileMeta metadata. */
                    metadata: { [k: string]: spec.proto.runtime.v1.FileMetaValue };

                    /**
                     * Encodes the specified FileMeta message. Does not implicitly {@link spec.proto.runtime.v1.FileMeta.verify|verify} messages.
                     * @param message FileMeta message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.FileMeta.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a FileMeta message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.FileMeta & spec.proto.runtime.v1.FileMeta.$Shape} FileMeta
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.FileMeta;
                }

                namespace FileMeta {

                    /** Properties of a FileMeta. */
                    interface $Properties {

                        /** FileMeta metadata */
                        metadata?: ({ [k: string]: spec.proto.runtime.v1.FileMetaValue.$Properties }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a FileMeta. */
                    type $Shape = spec.proto.runtime.v1.FileMeta.$Properties;
                }

                /**
                 * Properties of an InvokeBindingRequest.
                 * @deprecated Use spec.proto.runtime.v1.InvokeBindingRequest.$Properties instead.
                 */
                interface IInvokeBindingRequest extends spec.proto.runtime.v1.InvokeBindingRequest.$Properties {
                }

                /** Represents an InvokeBindingRequest. */
                class InvokeBindingRequest {

                    /**
                     * Constructs a new InvokeBindingRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.InvokeBindingRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** InvokeBindingRequest name. */
                    name: string;

                    /** InvokeBindingRequest data. */
                    data: Uint8Array;

                    /** InvokeBindingRequest metadata. */
                    metadata: { [k: string]: string };

                    /** InvokeBindingRequest operation. */
                    operation: string;

                    /**
                     * Encodes the specified InvokeBindingRequest message. Does not implicitly {@link spec.proto.runtime.v1.InvokeBindingRequest.verify|verify} messages.
                     * @param message InvokeBindingRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.InvokeBindingRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an InvokeBindingRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.InvokeBindingRequest & spec.proto.runtime.v1.InvokeBindingRequest.$Shape} InvokeBindingRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.InvokeBindingRequest;
                }

                namespace InvokeBindingRequest {

                    /** Properties of an InvokeBindingRequest. */
                    interface $Properties {

                        /** InvokeBindingRequest name */
                        name?: (string|null);

                        /** InvokeBindingRequest data */
                        data?: (Uint8Array|null);

                        /** InvokeBindingRequest metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** InvokeBindingRequest operation */
                        operation?: (string|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an InvokeBindingRequest. */
                    type $Shape = spec.proto.runtime.v1.InvokeBindingRequest.$Properties;
                }

                /**
                 * Properties of an InvokeBindingResponse.
                 * @deprecated Use spec.proto.runtime.v1.InvokeBindingResponse.$Properties instead.
                 */
                interface IInvokeBindingResponse extends spec.proto.runtime.v1.InvokeBindingResponse.$Properties {
                }

                /** Represents an InvokeBindingResponse. */
                class InvokeBindingResponse {

                    /**
                     * Constructs a new InvokeBindingResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.InvokeBindingResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** InvokeBindingResponse data. */
                    data: Uint8Array;

                    /** InvokeBindingResponse metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified InvokeBindingResponse message. Does not implicitly {@link spec.proto.runtime.v1.InvokeBindingResponse.verify|verify} messages.
                     * @param message InvokeBindingResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.InvokeBindingResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an InvokeBindingResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.InvokeBindingResponse & spec.proto.runtime.v1.InvokeBindingResponse.$Shape} InvokeBindingResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.InvokeBindingResponse;
                }

                namespace InvokeBindingResponse {

                    /** Properties of an InvokeBindingResponse. */
                    interface $Properties {

                        /** InvokeBindingResponse data */
                        data?: (Uint8Array|null);

                        /** InvokeBindingResponse metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an InvokeBindingResponse. */
                    type $Shape = spec.proto.runtime.v1.InvokeBindingResponse.$Properties;
                }

                /**
                 * Properties of a GetSecretRequest.
                 * @deprecated Use spec.proto.runtime.v1.GetSecretRequest.$Properties instead.
                 */
                interface IGetSecretRequest extends spec.proto.runtime.v1.GetSecretRequest.$Properties {
                }

                /** Represents a GetSecretRequest. */
                class GetSecretRequest {

                    /**
                     * Constructs a new GetSecretRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.GetSecretRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetSecretRequest storeName. */
                    storeName: string;

                    /** GetSecretRequest key. */
                    key: string;

                    /** GetSecretRequest metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified GetSecretRequest message. Does not implicitly {@link spec.proto.runtime.v1.GetSecretRequest.verify|verify} messages.
                     * @param message GetSecretRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.GetSecretRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetSecretRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.GetSecretRequest & spec.proto.runtime.v1.GetSecretRequest.$Shape} GetSecretRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.GetSecretRequest;
                }

                namespace GetSecretRequest {

                    /** Properties of a GetSecretRequest. */
                    interface $Properties {

                        /** GetSecretRequest storeName */
                        storeName?: (string|null);

                        /** GetSecretRequest key */
                        key?: (string|null);

                        /** GetSecretRequest metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetSecretRequest. */
                    type $Shape = spec.proto.runtime.v1.GetSecretRequest.$Properties;
                }

                /**
                 * Properties of a GetSecretResponse.
                 * @deprecated Use spec.proto.runtime.v1.GetSecretResponse.$Properties instead.
                 */
                interface IGetSecretResponse extends spec.proto.runtime.v1.GetSecretResponse.$Properties {
                }

                /** Represents a GetSecretResponse. */
                class GetSecretResponse {

                    /**
                     * Constructs a new GetSecretResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.GetSecretResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetSecretResponse data. */
                    data: { [k: string]: string };

                    /**
                     * Encodes the specified GetSecretResponse message. Does not implicitly {@link spec.proto.runtime.v1.GetSecretResponse.verify|verify} messages.
                     * @param message GetSecretResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.GetSecretResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetSecretResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.GetSecretResponse & spec.proto.runtime.v1.GetSecretResponse.$Shape} GetSecretResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.GetSecretResponse;
                }

                namespace GetSecretResponse {

                    /** Properties of a GetSecretResponse. */
                    interface $Properties {

                        /** GetSecretResponse data */
                        data?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetSecretResponse. */
                    type $Shape = spec.proto.runtime.v1.GetSecretResponse.$Properties;
                }

                /**
                 * Properties of a GetBulkSecretRequest.
                 * @deprecated Use spec.proto.runtime.v1.GetBulkSecretRequest.$Properties instead.
                 */
                interface IGetBulkSecretRequest extends spec.proto.runtime.v1.GetBulkSecretRequest.$Properties {
                }

                /** Represents a GetBulkSecretRequest. */
                class GetBulkSecretRequest {

                    /**
                     * Constructs a new GetBulkSecretRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.GetBulkSecretRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetBulkSecretRequest storeName. */
                    storeName: string;

                    /** GetBulkSecretRequest metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified GetBulkSecretRequest message. Does not implicitly {@link spec.proto.runtime.v1.GetBulkSecretRequest.verify|verify} messages.
                     * @param message GetBulkSecretRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.GetBulkSecretRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetBulkSecretRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.GetBulkSecretRequest & spec.proto.runtime.v1.GetBulkSecretRequest.$Shape} GetBulkSecretRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.GetBulkSecretRequest;
                }

                namespace GetBulkSecretRequest {

                    /** Properties of a GetBulkSecretRequest. */
                    interface $Properties {

                        /** GetBulkSecretRequest storeName */
                        storeName?: (string|null);

                        /** GetBulkSecretRequest metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetBulkSecretRequest. */
                    type $Shape = spec.proto.runtime.v1.GetBulkSecretRequest.$Properties;
                }

                /**
                 * Properties of a GetBulkSecretResponse.
                 * @deprecated Use spec.proto.runtime.v1.GetBulkSecretResponse.$Properties instead.
                 */
                interface IGetBulkSecretResponse extends spec.proto.runtime.v1.GetBulkSecretResponse.$Properties {
                }

                /** Represents a GetBulkSecretResponse. */
                class GetBulkSecretResponse {

                    /**
                     * Constructs a new GetBulkSecretResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.GetBulkSecretResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetBulkSecretResponse data. */
                    data: { [k: string]: spec.proto.runtime.v1.SecretResponse };

                    /**
                     * Encodes the specified GetBulkSecretResponse message. Does not implicitly {@link spec.proto.runtime.v1.GetBulkSecretResponse.verify|verify} messages.
                     * @param message GetBulkSecretResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.GetBulkSecretResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetBulkSecretResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.GetBulkSecretResponse & spec.proto.runtime.v1.GetBulkSecretResponse.$Shape} GetBulkSecretResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.GetBulkSecretResponse;
                }

                namespace GetBulkSecretResponse {

                    /** Properties of a GetBulkSecretResponse. */
                    interface $Properties {

                        /** GetBulkSecretResponse data */
                        data?: ({ [k: string]: spec.proto.runtime.v1.SecretResponse.$Properties }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetBulkSecretResponse. */
                    type $Shape = spec.proto.runtime.v1.GetBulkSecretResponse.$Properties;
                }

                /**
                 * Properties of a SecretResponse.
                 * @deprecated Use spec.proto.runtime.v1.SecretResponse.$Properties instead.
                 */
                interface ISecretResponse extends spec.proto.runtime.v1.SecretResponse.$Properties {
                }

                /** Represents a SecretResponse. */
                class SecretResponse {

                    /**
                     * Constructs a new SecretResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.SecretResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** SecretResponse secrets. */
                    secrets: { [k: string]: string };

                    /**
                     * Encodes the specified SecretResponse message. Does not implicitly {@link spec.proto.runtime.v1.SecretResponse.verify|verify} messages.
                     * @param message SecretResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.SecretResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a SecretResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.SecretResponse & spec.proto.runtime.v1.SecretResponse.$Shape} SecretResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.SecretResponse;
                }

                namespace SecretResponse {

                    /** Properties of a SecretResponse. */
                    interface $Properties {

                        /** SecretResponse secrets */
                        secrets?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a SecretResponse. */
                    type $Shape = spec.proto.runtime.v1.SecretResponse.$Properties;
                }

                /**
                 * Properties of a TopicEventRequest.
                 * @deprecated Use spec.proto.runtime.v1.TopicEventRequest.$Properties instead.
                 */
                interface ITopicEventRequest extends spec.proto.runtime.v1.TopicEventRequest.$Properties {
                }

                /** Represents a TopicEventRequest. */
                class TopicEventRequest {

                    /**
                     * Constructs a new TopicEventRequest.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.TopicEventRequest.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** TopicEventRequest id. */
                    id: string;

                    /** TopicEventRequest source. */
                    source: string;

                    /** TopicEventRequest type. */
                    type: string;

                    /** TopicEventRequest specVersion. */
                    specVersion: string;

                    /** TopicEventRequest dataContentType. */
                    dataContentType: string;

                    /** TopicEventRequest topic. */
                    topic: string;

                    /** TopicEventRequest data. */
                    data: Uint8Array;

                    /** TopicEventRequest pubsubName. */
                    pubsubName: string;

                    /** TopicEventRequest metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified TopicEventRequest message. Does not implicitly {@link spec.proto.runtime.v1.TopicEventRequest.verify|verify} messages.
                     * @param message TopicEventRequest message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.TopicEventRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a TopicEventRequest message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.TopicEventRequest & spec.proto.runtime.v1.TopicEventRequest.$Shape} TopicEventRequest
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.TopicEventRequest;
                }

                namespace TopicEventRequest {

                    /** Properties of a TopicEventRequest. */
                    interface $Properties {

                        /** TopicEventRequest id */
                        id?: (string|null);

                        /** TopicEventRequest source */
                        source?: (string|null);

                        /** TopicEventRequest type */
                        type?: (string|null);

                        /** TopicEventRequest specVersion */
                        specVersion?: (string|null);

                        /** TopicEventRequest dataContentType */
                        dataContentType?: (string|null);

                        /** TopicEventRequest topic */
                        topic?: (string|null);

                        /** TopicEventRequest data */
                        data?: (Uint8Array|null);

                        /** TopicEventRequest pubsubName */
                        pubsubName?: (string|null);

                        /** TopicEventRequest metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a TopicEventRequest. */
                    type $Shape = spec.proto.runtime.v1.TopicEventRequest.$Properties;
                }

                /**
                 * Properties of a TopicEventResponse.
                 * @deprecated Use spec.proto.runtime.v1.TopicEventResponse.$Properties instead.
                 */
                interface ITopicEventResponse extends spec.proto.runtime.v1.TopicEventResponse.$Properties {
                }

                /** Represents a TopicEventResponse. */
                class TopicEventResponse {

                    /**
                     * Constructs a new TopicEventResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.TopicEventResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** TopicEventResponse status. */
                    status: spec.proto.runtime.v1.TopicEventResponse.TopicEventResponseStatus;

                    /**
                     * Encodes the specified TopicEventResponse message. Does not implicitly {@link spec.proto.runtime.v1.TopicEventResponse.verify|verify} messages.
                     * @param message TopicEventResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.TopicEventResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a TopicEventResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.TopicEventResponse & spec.proto.runtime.v1.TopicEventResponse.$Shape} TopicEventResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.TopicEventResponse;
                }

                namespace TopicEventResponse {

                    /** Properties of a TopicEventResponse. */
                    interface $Properties {

                        /** TopicEventResponse status */
                        status?: (spec.proto.runtime.v1.TopicEventResponse.TopicEventResponseStatus|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a TopicEventResponse. */
                    type $Shape = spec.proto.runtime.v1.TopicEventResponse.$Properties;

                    /** TopicEventResponseStatus enum. */
                    enum TopicEventResponseStatus {

                        /** SUCCESS value */
                        SUCCESS = 0,

                        /** RETRY value */
                        RETRY = 1,

                        /** DROP value */
                        DROP = 2
                    }
                }

                /**
                 * Properties of a ListTopicSubscriptionsResponse.
                 * @deprecated Use spec.proto.runtime.v1.ListTopicSubscriptionsResponse.$Properties instead.
                 */
                interface IListTopicSubscriptionsResponse extends spec.proto.runtime.v1.ListTopicSubscriptionsResponse.$Properties {
                }

                /** Represents a ListTopicSubscriptionsResponse. */
                class ListTopicSubscriptionsResponse {

                    /**
                     * Constructs a new ListTopicSubscriptionsResponse.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.ListTopicSubscriptionsResponse.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** ListTopicSubscriptionsResponse subscriptions. */
                    subscriptions: spec.proto.runtime.v1.TopicSubscription[];

                    /**
                     * Encodes the specified ListTopicSubscriptionsResponse message. Does not implicitly {@link spec.proto.runtime.v1.ListTopicSubscriptionsResponse.verify|verify} messages.
                     * @param message ListTopicSubscriptionsResponse message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.ListTopicSubscriptionsResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a ListTopicSubscriptionsResponse message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.ListTopicSubscriptionsResponse & spec.proto.runtime.v1.ListTopicSubscriptionsResponse.$Shape} ListTopicSubscriptionsResponse
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.ListTopicSubscriptionsResponse;
                }

                namespace ListTopicSubscriptionsResponse {

                    /** Properties of a ListTopicSubscriptionsResponse. */
                    interface $Properties {

                        /** ListTopicSubscriptionsResponse subscriptions */
                        subscriptions?: (spec.proto.runtime.v1.TopicSubscription.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a ListTopicSubscriptionsResponse. */
                    type $Shape = spec.proto.runtime.v1.ListTopicSubscriptionsResponse.$Properties;
                }

                /**
                 * Properties of a TopicSubscription.
                 * @deprecated Use spec.proto.runtime.v1.TopicSubscription.$Properties instead.
                 */
                interface ITopicSubscription extends spec.proto.runtime.v1.TopicSubscription.$Properties {
                }

                /** Represents a TopicSubscription. */
                class TopicSubscription {

                    /**
                     * Constructs a new TopicSubscription.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: spec.proto.runtime.v1.TopicSubscription.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** TopicSubscription pubsubName. */
                    pubsubName: string;

                    /** TopicSubscription topic. */
                    topic: string;

                    /** TopicSubscription metadata. */
                    metadata: { [k: string]: string };

                    /**
                     * Encodes the specified TopicSubscription message. Does not implicitly {@link spec.proto.runtime.v1.TopicSubscription.verify|verify} messages.
                     * @param message TopicSubscription message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: spec.proto.runtime.v1.TopicSubscription.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a TopicSubscription message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {spec.proto.runtime.v1.TopicSubscription & spec.proto.runtime.v1.TopicSubscription.$Shape} TopicSubscription
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): spec.proto.runtime.v1.TopicSubscription;
                }

                namespace TopicSubscription {

                    /** Properties of a TopicSubscription. */
                    interface $Properties {

                        /** TopicSubscription pubsubName */
                        pubsubName?: (string|null);

                        /** TopicSubscription topic */
                        topic?: (string|null);

                        /** TopicSubscription metadata */
                        metadata?: ({ [k: string]: string }|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a TopicSubscription. */
                    type $Shape = spec.proto.runtime.v1.TopicSubscription.$Properties;
                }
            }
        }
    }
}

/** Namespace google. */
export namespace google {

    /** Namespace protobuf. */
    namespace protobuf {

        /**
         * Properties of an Empty.
         * @deprecated Use google.protobuf.Empty.$Properties instead.
         */
        interface IEmpty extends google.protobuf.Empty.$Properties {
        }

        /** Represents an Empty. */
        class Empty {

            /**
             * Constructs a new Empty.
             * @param [properties] Properties to set
             */
            constructor(properties?: google.protobuf.Empty.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Encodes the specified Empty message. Does not implicitly {@link google.protobuf.Empty.verify|verify} messages.
             * @param message Empty message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: google.protobuf.Empty.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Empty message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {google.protobuf.Empty & google.protobuf.Empty.$Shape} Empty
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.Empty;
        }

        namespace Empty {

            /** Properties of an Empty. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Empty. */
            type $Shape = google.protobuf.Empty.$Properties;
        }

        /**
         * Properties of an Any.
         * @deprecated Use google.protobuf.Any.$Properties instead.
         */
        interface IAny extends google.protobuf.Any.$Properties {
        }

        /** Represents an Any. */
        class Any {

            /**
             * Constructs a new Any.
             * @param [properties] Properties to set
             */
            constructor(properties?: google.protobuf.Any.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Any type_url. */
            type_url: string;

            /** Any value. */
            value: Uint8Array;

            /**
             * Encodes the specified Any message. Does not implicitly {@link google.protobuf.Any.verify|verify} messages.
             * @param message Any message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: google.protobuf.Any.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Any message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {google.protobuf.Any & google.protobuf.Any.$Shape} Any
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.Any;
        }

        namespace Any {

            /** Properties of an Any. */
            interface $Properties {

                /** Any type_url */
                type_url?: (string|null);

                /** Any value */
                value?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Any. */
            type $Shape = google.protobuf.Any.$Properties;
        }
    }
}

/** Each service's methods: path, message types, streaming. */
export const services: {
  "spec.proto.runtime.v1.Runtime": {
    SayHello: { path: "/spec.proto.runtime.v1.Runtime/SayHello"; requestType: typeof spec.proto.runtime.v1.SayHelloRequest; responseType: typeof spec.proto.runtime.v1.SayHelloResponse; requestStream: false; responseStream: false };
    InvokeService: { path: "/spec.proto.runtime.v1.Runtime/InvokeService"; requestType: typeof spec.proto.runtime.v1.InvokeServiceRequest; responseType: typeof spec.proto.runtime.v1.InvokeResponse; requestStream: false; responseStream: false };
    GetConfiguration: { path: "/spec.proto.runtime.v1.Runtime/GetConfiguration"; requestType: typeof spec.proto.runtime.v1.GetConfigurationRequest; responseType: typeof spec.proto.runtime.v1.GetConfigurationResponse; requestStream: false; responseStream: false };
    SaveConfiguration: { path: "/spec.proto.runtime.v1.Runtime/SaveConfiguration"; requestType: typeof spec.proto.runtime.v1.SaveConfigurationRequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
    DeleteConfiguration: { path: "/spec.proto.runtime.v1.Runtime/DeleteConfiguration"; requestType: typeof spec.proto.runtime.v1.DeleteConfigurationRequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
    SubscribeConfiguration: { path: "/spec.proto.runtime.v1.Runtime/SubscribeConfiguration"; requestType: typeof spec.proto.runtime.v1.SubscribeConfigurationRequest; responseType: typeof spec.proto.runtime.v1.SubscribeConfigurationResponse; requestStream: true; responseStream: true };
    TryLock: { path: "/spec.proto.runtime.v1.Runtime/TryLock"; requestType: typeof spec.proto.runtime.v1.TryLockRequest; responseType: typeof spec.proto.runtime.v1.TryLockResponse; requestStream: false; responseStream: false };
    Unlock: { path: "/spec.proto.runtime.v1.Runtime/Unlock"; requestType: typeof spec.proto.runtime.v1.UnlockRequest; responseType: typeof spec.proto.runtime.v1.UnlockResponse; requestStream: false; responseStream: false };
    LockKeepAlive: { path: "/spec.proto.runtime.v1.Runtime/LockKeepAlive"; requestType: typeof spec.proto.runtime.v1.LockKeepAliveRequest; responseType: typeof spec.proto.runtime.v1.LockKeepAliveResponse; requestStream: false; responseStream: false };
    GetNextId: { path: "/spec.proto.runtime.v1.Runtime/GetNextId"; requestType: typeof spec.proto.runtime.v1.GetNextIdRequest; responseType: typeof spec.proto.runtime.v1.GetNextIdResponse; requestStream: false; responseStream: false };
    GetState: { path: "/spec.proto.runtime.v1.Runtime/GetState"; requestType: typeof spec.proto.runtime.v1.GetStateRequest; responseType: typeof spec.proto.runtime.v1.GetStateResponse; requestStream: false; responseStream: false };
    GetBulkState: { path: "/spec.proto.runtime.v1.Runtime/GetBulkState"; requestType: typeof spec.proto.runtime.v1.GetBulkStateRequest; responseType: typeof spec.proto.runtime.v1.GetBulkStateResponse; requestStream: false; responseStream: false };
    SaveState: { path: "/spec.proto.runtime.v1.Runtime/SaveState"; requestType: typeof spec.proto.runtime.v1.SaveStateRequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
    DeleteState: { path: "/spec.proto.runtime.v1.Runtime/DeleteState"; requestType: typeof spec.proto.runtime.v1.DeleteStateRequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
    DeleteBulkState: { path: "/spec.proto.runtime.v1.Runtime/DeleteBulkState"; requestType: typeof spec.proto.runtime.v1.DeleteBulkStateRequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
    ExecuteStateTransaction: { path: "/spec.proto.runtime.v1.Runtime/ExecuteStateTransaction"; requestType: typeof spec.proto.runtime.v1.ExecuteStateTransactionRequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
    PublishEvent: { path: "/spec.proto.runtime.v1.Runtime/PublishEvent"; requestType: typeof spec.proto.runtime.v1.PublishEventRequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
    SubscribeTopicEvents: { path: "/spec.proto.runtime.v1.Runtime/SubscribeTopicEvents"; requestType: typeof spec.proto.runtime.v1.SubscribeTopicEventsRequest; responseType: typeof spec.proto.runtime.v1.SubscribeTopicEventsResponse; requestStream: true; responseStream: true };
    GetFile: { path: "/spec.proto.runtime.v1.Runtime/GetFile"; requestType: typeof spec.proto.runtime.v1.GetFileRequest; responseType: typeof spec.proto.runtime.v1.GetFileResponse; requestStream: false; responseStream: true };
    PutFile: { path: "/spec.proto.runtime.v1.Runtime/PutFile"; requestType: typeof spec.proto.runtime.v1.PutFileRequest; responseType: typeof google.protobuf.Empty; requestStream: true; responseStream: false };
    ListFile: { path: "/spec.proto.runtime.v1.Runtime/ListFile"; requestType: typeof spec.proto.runtime.v1.ListFileRequest; responseType: typeof spec.proto.runtime.v1.ListFileResp; requestStream: false; responseStream: false };
    DelFile: { path: "/spec.proto.runtime.v1.Runtime/DelFile"; requestType: typeof spec.proto.runtime.v1.DelFileRequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
    GetFileMeta: { path: "/spec.proto.runtime.v1.Runtime/GetFileMeta"; requestType: typeof spec.proto.runtime.v1.GetFileMetaRequest; responseType: typeof spec.proto.runtime.v1.GetFileMetaResponse; requestStream: false; responseStream: false };
    InvokeBinding: { path: "/spec.proto.runtime.v1.Runtime/InvokeBinding"; requestType: typeof spec.proto.runtime.v1.InvokeBindingRequest; responseType: typeof spec.proto.runtime.v1.InvokeBindingResponse; requestStream: false; responseStream: false };
    GetSecret: { path: "/spec.proto.runtime.v1.Runtime/GetSecret"; requestType: typeof spec.proto.runtime.v1.GetSecretRequest; responseType: typeof spec.proto.runtime.v1.GetSecretResponse; requestStream: false; responseStream: false };
    GetBulkSecret: { path: "/spec.proto.runtime.v1.Runtime/GetBulkSecret"; requestType: typeof spec.proto.runtime.v1.GetBulkSecretRequest; responseType: typeof spec.proto.runtime.v1.GetBulkSecretResponse; requestStream: false; responseStream: false };
  };
  "spec.proto.runtime.v1.AppCallback": {
    ListTopicSubscriptions: { path: "/spec.proto.runtime.v1.AppCallback/ListTopicSubscriptions"; requestType: typeof google.protobuf.Empty; responseType: typeof spec.proto.runtime.v1.ListTopicSubscriptionsResponse; requestStream: false; responseStream: false };
    OnTopicEvent: { path: "/spec.proto.runtime.v1.AppCallback/OnTopicEvent"; requestType: typeof spec.proto.runtime.v1.TopicEventRequest; responseType: typeof spec.proto.runtime.v1.TopicEventResponse; requestStream: false; responseStream: false };
  };
};
