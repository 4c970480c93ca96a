import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace ttrpc. */
export namespace ttrpc {

    /**
     * Properties of a KeyValue.
     * @deprecated Use ttrpc.KeyValue.$Properties instead.
     */
    interface IKeyValue extends ttrpc.KeyValue.$Properties {
    }

    /** Represents a KeyValue. */
    class KeyValue {

        /**
         * Constructs a new KeyValue.
         * @param [properties] Properties to set
         */
        constructor(properties?: ttrpc.KeyValue.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** KeyValue key. */
        key: string;

        /** KeyValue value. */
        value: string;

        /**
         * Encodes the specified KeyValue message. Does not implicitly {@link ttrpc.KeyValue.verify|verify} messages.
         * @param message KeyValue message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ttrpc.KeyValue.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a KeyValue message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ttrpc.KeyValue & ttrpc.KeyValue.$Shape} KeyValue
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ttrpc.KeyValue;
    }

    namespace KeyValue {

        /** Properties of a KeyValue. */
        interface $Properties {

            /** KeyValue key */
            key?: (string|null);

            /** KeyValue value */
            value?: (string|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a KeyValue. */
        type $Shape = ttrpc.KeyValue.$Properties;
    }

    /**
     * Properties of a Request.
     * @deprecated Use ttrpc.Request.$Properties instead.
     */
    interface IRequest extends ttrpc.Request.$Properties {
    }

    /** Represents a Request. */
    class Request {

        /**
         * Constructs a new Request.
         * @param [properties] Properties to set
         */
        constructor(properties?: ttrpc.Request.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Request service. */
        service: string;

        /** Request method. */
        method: string;

        /** Request payload. */
        payload: Uint8Array;

        /** Request timeoutNano. */
        timeoutNano: (number|Long);

        /** Request metadata. */
        metadata: ttrpc.KeyValue[];

        /**
         * Encodes the specified Request message. Does not implicitly {@link ttrpc.Request.verify|verify} messages.
         * @param message Request message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ttrpc.Request.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Request message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ttrpc.Request & ttrpc.Request.$Shape} Request
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ttrpc.Request;
    }

    namespace Request {

        /** Properties of a Request. */
        interface $Properties {

            /** Request service */
            service?: (string|null);

            /** Request method */
            method?: (string|null);

            /** Request payload */
            payload?: (Uint8Array|null);

            /** Request timeoutNano */
            timeoutNano?: (number|Long|null);

            /** Request metadata */
            metadata?: (ttrpc.KeyValue.$Properties[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Request. */
        type $Shape = ttrpc.Request.$Properties;
    }

    /**
     * Properties of a Status.
     * @deprecated Use ttrpc.Status.$Properties instead.
     */
    interface IStatus extends ttrpc.Status.$Properties {
    }

    /** Represents a Status. */
    class Status {

        /**
         * Constructs a new Status.
         * @param [properties] Properties to set
         */
        constructor(properties?: ttrpc.Status.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Status code. */
        code: number;

        /** Status message. */
        message: string;

        /** Status details. */
        details: google.protobuf.Any[];

        /**
         * Encodes the specified Status message. Does not implicitly {@link ttrpc.Status.verify|verify} messages.
         * @param message Status message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ttrpc.Status.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Status message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ttrpc.Status & ttrpc.Status.$Shape} Status
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ttrpc.Status;
    }

    namespace Status {

        /** Properties of a Status. */
        interface $Properties {

            /** Status code */
            code?: (number|null);

            /** Status message */
            message?: (string|null);

            /** Status details */
            details?: (google.protobuf.Any.$Properties[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Status. */
        type $Shape = ttrpc.Status.$Properties;
    }

    /**
     * Properties of a Response.
     * @deprecated Use ttrpc.Response.$Properties instead.
     */
    interface IResponse extends ttrpc.Response.$Properties {
    }

    /** Represents a Response. */
    class Response {

        /**
         * Constructs a new Response.
         * @param [properties] Properties to set
         */
        constructor(properties?: ttrpc.Response.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Response status. */
        status?: (ttrpc.Status|null);

        /** Response payload. */
        payload: Uint8Array;

        /**
         * Encodes the specified Response message. Does not implicitly {@link ttrpc.Response.verify|verify} messages.
         * @param message Response message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: ttrpc.Response.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Response message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {ttrpc.Response & ttrpc.Response.$Shape} Response
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ttrpc.Response;
    }

    namespace Response {

        /** Properties of a Response. */
        interface $Properties {

            /** Response status */
            status?: (ttrpc.Status.$Properties|null);

            /** Response payload */
            payload?: (Uint8Array|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Response. */
        type $Shape = ttrpc.Response.$Properties;
    }
}

/** Namespace containerd. */
export namespace containerd {

    /** Namespace task. */
    namespace task {

        /** Namespace v2. */
        namespace v2 {

            /**
             * Properties of a Mount.
             * @deprecated Use containerd.task.v2.Mount.$Properties instead.
             */
            interface IMount extends containerd.task.v2.Mount.$Properties {
            }

            /** Represents a Mount. */
            class Mount {

                /**
                 * Constructs a new Mount.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.Mount.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Mount type. */
                type: string;

                /** Mount source. */
                source: string;

                /** Mount target. */
                target: string;

                /** Mount options. */
                options: string[];

                /**
                 * Encodes the specified Mount message. Does not implicitly {@link containerd.task.v2.Mount.verify|verify} messages.
                 * @param message Mount message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.Mount.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Mount message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.Mount & containerd.task.v2.Mount.$Shape} Mount
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.Mount;
            }

            namespace Mount {

                /** Properties of a Mount. */
                interface $Properties {

                    /** Mount type */
                    type?: (string|null);

                    /** Mount source */
                    source?: (string|null);

                    /** Mount target */
                    target?: (string|null);

                    /** Mount options */
                    options?: (string[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Mount. */
                type $Shape = containerd.task.v2.Mount.$Properties;
            }

            /**
             * Properties of a CreateTaskRequest.
             * @deprecated Use containerd.task.v2.CreateTaskRequest.$Properties instead.
             */
            interface ICreateTaskRequest extends containerd.task.v2.CreateTaskRequest.$Properties {
            }

            /** Represents a CreateTaskRequest. */
            class CreateTaskRequest {

                /**
                 * Constructs a new CreateTaskRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.CreateTaskRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** CreateTaskRequest id. */
                id: string;

                /** CreateTaskRequest bundle. */
                bundle: string;

                /** CreateTaskRequest rootfs. */
                rootfs: containerd.task.v2.Mount[];

                /** CreateTaskRequest terminal. */
                terminal: boolean;

                /** CreateTaskRequest stdin. */
                stdin: string;

                /** CreateTaskRequest stdout. */
                stdout: string;

                /** CreateTaskRequest stderr. */
                stderr: string;

                /** CreateTaskRequest checkpoint. */
                checkpoint: string;

                /** CreateTaskRequest parentCheckpoint. */
                parentCheckpoint: string;

                /** CreateTaskRequest options. */
                options?: (google.protobuf.Any|null);

                /**
                 * Encodes the specified CreateTaskRequest message. Does not implicitly {@link containerd.task.v2.CreateTaskRequest.verify|verify} messages.
                 * @param message CreateTaskRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.CreateTaskRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a CreateTaskRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.CreateTaskRequest & containerd.task.v2.CreateTaskRequest.$Shape} CreateTaskRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.CreateTaskRequest;
            }

            namespace CreateTaskRequest {

                /** Properties of a CreateTaskRequest. */
                interface $Properties {

                    /** CreateTaskRequest id */
                    id?: (string|null);

                    /** CreateTaskRequest bundle */
                    bundle?: (string|null);

                    /** CreateTaskRequest rootfs */
                    rootfs?: (containerd.task.v2.Mount.$Properties[]|null);

                    /** CreateTaskRequest terminal */
                    terminal?: (boolean|null);

                    /** CreateTaskRequest stdin */
                    stdin?: (string|null);

                    /** CreateTaskRequest stdout */
                    stdout?: (string|null);

                    /** CreateTaskRequest stderr */
                    stderr?: (string|null);

                    /** CreateTaskRequest checkpoint */
                    checkpoint?: (string|null);

                    /** CreateTaskRequest parentCheckpoint */
                    parentCheckpoint?: (string|null);

                    /** CreateTaskRequest options */
                    options?: (google.protobuf.Any.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a CreateTaskRequest. */
                type $Shape = containerd.task.v2.CreateTaskRequest.$Properties;
            }

            /**
             * Properties of a CreateTaskResponse.
             * @deprecated Use containerd.task.v2.CreateTaskResponse.$Properties instead.
             */
            interface ICreateTaskResponse extends containerd.task.v2.CreateTaskResponse.$Properties {
            }

            /** Represents a CreateTaskResponse. */
            class CreateTaskResponse {

                /**
                 * Constructs a new CreateTaskResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.CreateTaskResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** CreateTaskResponse pid. */
                pid: number;

                /**
                 * Encodes the specified CreateTaskResponse message. Does not implicitly {@link containerd.task.v2.CreateTaskResponse.verify|verify} messages.
                 * @param message CreateTaskResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.CreateTaskResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a CreateTaskResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.CreateTaskResponse & containerd.task.v2.CreateTaskResponse.$Shape} CreateTaskResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.CreateTaskResponse;
            }

            namespace CreateTaskResponse {

                /** Properties of a CreateTaskResponse. */
                interface $Properties {

                    /** CreateTaskResponse pid */
                    pid?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a CreateTaskResponse. */
                type $Shape = containerd.task.v2.CreateTaskResponse.$Properties;
            }

            /**
             * Properties of a StartRequest.
             * @deprecated Use containerd.task.v2.StartRequest.$Properties instead.
             */
            interface IStartRequest extends containerd.task.v2.StartRequest.$Properties {
            }

            /** Represents a StartRequest. */
            class StartRequest {

                /**
                 * Constructs a new StartRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.StartRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StartRequest id. */
                id: string;

                /** StartRequest execId. */
                execId: string;

                /**
                 * Encodes the specified StartRequest message. Does not implicitly {@link containerd.task.v2.StartRequest.verify|verify} messages.
                 * @param message StartRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.StartRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StartRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.StartRequest & containerd.task.v2.StartRequest.$Shape} StartRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.StartRequest;
            }

            namespace StartRequest {

                /** Properties of a StartRequest. */
                interface $Properties {

                    /** StartRequest id */
                    id?: (string|null);

                    /** StartRequest execId */
                    execId?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a StartRequest. */
                type $Shape = containerd.task.v2.StartRequest.$Properties;
            }

            /**
             * Properties of a StartResponse.
             * @deprecated Use containerd.task.v2.StartResponse.$Properties instead.
             */
            interface IStartResponse extends containerd.task.v2.StartResponse.$Properties {
            }

            /** Represents a StartResponse. */
            class StartResponse {

                /**
                 * Constructs a new StartResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.StartResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StartResponse pid. */
                pid: number;

                /**
                 * Encodes the specified StartResponse message. Does not implicitly {@link containerd.task.v2.StartResponse.verify|verify} messages.
                 * @param message StartResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.StartResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StartResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.StartResponse & containerd.task.v2.StartResponse.$Shape} StartResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.StartResponse;
            }

            namespace StartResponse {

                /** Properties of a StartResponse. */
                interface $Properties {

                    /** StartResponse pid */
                    pid?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a StartResponse. */
                type $Shape = containerd.task.v2.StartResponse.$Properties;
            }

            /**
             * Properties of a WaitRequest.
             * @deprecated Use containerd.task.v2.WaitRequest.$Properties instead.
             */
            interface IWaitRequest extends containerd.task.v2.WaitRequest.$Properties {
            }

            /** Represents a WaitRequest. */
            class WaitRequest {

                /**
                 * Constructs a new WaitRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.WaitRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** WaitRequest id. */
                id: string;

                /** WaitRequest execId. */
                execId: string;

                /**
                 * Encodes the specified WaitRequest message. Does not implicitly {@link containerd.task.v2.WaitRequest.verify|verify} messages.
                 * @param message WaitRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.WaitRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a WaitRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.WaitRequest & containerd.task.v2.WaitRequest.$Shape} WaitRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.WaitRequest;
            }

            namespace WaitRequest {

                /** Properties of a WaitRequest. */
                interface $Properties {

                    /** WaitRequest id */
                    id?: (string|null);

                    /** WaitRequest execId */
                    execId?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a WaitRequest. */
                type $Shape = containerd.task.v2.WaitRequest.$Properties;
            }

            /**
             * Properties of a WaitResponse.
             * @deprecated Use containerd.task.v2.WaitResponse.$Properties instead.
             */
            interface IWaitResponse extends containerd.task.v2.WaitResponse.$Properties {
            }

            /** Represents a WaitResponse. */
            class WaitResponse {

                /**
                 * Constructs a new WaitResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.WaitResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** WaitResponse exitStatus. */
                exitStatus: number;

                /** WaitResponse exitedAt. */
                exitedAt?: (google.protobuf.Timestamp|null);

                /**
                 * Encodes the specified WaitResponse message. Does not implicitly {@link containerd.task.v2.WaitResponse.verify|verify} messages.
                 * @param message WaitResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.WaitResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a WaitResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.WaitResponse & containerd.task.v2.WaitResponse.$Shape} WaitResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.WaitResponse;
            }

            namespace WaitResponse {

                /** Properties of a WaitResponse. */
                interface $Properties {

                    /** WaitResponse exitStatus */
                    exitStatus?: (number|null);

                    /** WaitResponse exitedAt */
                    exitedAt?: (google.protobuf.Timestamp.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a WaitResponse. */
                type $Shape = containerd.task.v2.WaitResponse.$Properties;
            }

            /** Status enum. */
            enum Status {

                /** UNKNOWN value */
                UNKNOWN = 0,

                /** CREATED value */
                CREATED = 1,

                /** RUNNING value */
                RUNNING = 2,

                /** STOPPED value */
                STOPPED = 3,

                /** PAUSED value */
                PAUSED = 4,

                /** PAUSING value */
                PAUSING = 5
            }

            /**
             * Properties of a StateRequest.
             * @deprecated Use containerd.task.v2.StateRequest.$Properties instead.
             */
            interface IStateRequest extends containerd.task.v2.StateRequest.$Properties {
            }

            /** Represents a StateRequest. */
            class StateRequest {

                /**
                 * Constructs a new StateRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.StateRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StateRequest id. */
                id: string;

                /** StateRequest execId. */
                execId: string;

                /**
                 * Encodes the specified StateRequest message. Does not implicitly {@link containerd.task.v2.StateRequest.verify|verify} messages.
                 * @param message StateRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.StateRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StateRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.StateRequest & containerd.task.v2.StateRequest.$Shape} StateRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.StateRequest;
            }

            namespace StateRequest {

                /** Properties of a StateRequest. */
                interface $Properties {

                    /** StateRequest id */
                    id?: (string|null);

                    /** StateRequest execId */
                    execId?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a StateRequest. */
                type $Shape = containerd.task.v2.StateRequest.$Properties;
            }

            /**
             * Properties of a StateResponse.
             * @deprecated Use containerd.task.v2.StateResponse.$Properties instead.
             */
            interface IStateResponse extends containerd.task.v2.StateResponse.$Properties {
            }

            /** Represents a StateResponse. */
            class StateResponse {

                /**
                 * Constructs a new StateResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.StateResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StateResponse id. */
                id: string;

                /** StateResponse bundle. */
                bundle: string;

                /** StateResponse pid. */
                pid: number;

                /** StateResponse status. */
                status: containerd.task.v2.Status;

                /** StateResponse stdin. */
                stdin: string;

                /** StateResponse stdout. */
                stdout: string;

                /** StateResponse stderr. */
                stderr: string;

                /** StateResponse terminal. */
                terminal: boolean;

                /** StateResponse exitStatus. */
                exitStatus: number;

                /** StateResponse exitedAt. */
                exitedAt?: (google.protobuf.Timestamp|null);

                /** StateResponse execId. */
                execId: string;

                /**
                 * Encodes the specified StateResponse message. Does not implicitly {@link containerd.task.v2.StateResponse.verify|verify} messages.
                 * @param message StateResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.StateResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StateResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.StateResponse & containerd.task.v2.StateResponse.$Shape} StateResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.StateResponse;
            }

            namespace StateResponse {

                /** Properties of a StateResponse. */
                interface $Properties {

                    /** StateResponse id */
                    id?: (string|null);

                    /** StateResponse bundle */
                    bundle?: (string|null);

                    /** StateResponse pid */
                    pid?: (number|null);

                    /** StateResponse status */
                    status?: (containerd.task.v2.Status|null);

                    /** StateResponse stdin */
                    stdin?: (string|null);

                    /** StateResponse stdout */
                    stdout?: (string|null);

                    /** StateResponse stderr */
                    stderr?: (string|null);

                    /** StateResponse terminal */
                    terminal?: (boolean|null);

                    /** StateResponse exitStatus */
                    exitStatus?: (number|null);

                    /** StateResponse exitedAt */
                    exitedAt?: (google.protobuf.Timestamp.$Properties|null);

                    /** StateResponse execId */
                    execId?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a StateResponse. */
                type $Shape = containerd.task.v2.StateResponse.$Properties;
            }

            /**
             * Properties of a KillRequest.
             * @deprecated Use containerd.task.v2.KillRequest.$Properties instead.
             */
            interface IKillRequest extends containerd.task.v2.KillRequest.$Properties {
            }

            /** Represents a KillRequest. */
            class KillRequest {

                /**
                 * Constructs a new KillRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.KillRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** KillRequest id. */
                id: string;

                /** KillRequest execId. */
                execId: string;

                /** KillRequest signal. */
                signal: number;

                /** KillRequest all. */
                all: boolean;

                /**
                 * Encodes the specified KillRequest message. Does not implicitly {@link containerd.task.v2.KillRequest.verify|verify} messages.
                 * @param message KillRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.KillRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a KillRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.KillRequest & containerd.task.v2.KillRequest.$Shape} KillRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.KillRequest;
            }

            namespace KillRequest {

                /** Properties of a KillRequest. */
                interface $Properties {

                    /** KillRequest id */
                    id?: (string|null);

                    /** KillRequest execId */
                    execId?: (string|null);

                    /** KillRequest signal */
                    signal?: (number|null);

                    /** KillRequest all */
                    all?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a KillRequest. */
                type $Shape = containerd.task.v2.KillRequest.$Properties;
            }

            /**
             * Properties of a DeleteRequest.
             * @deprecated Use containerd.task.v2.DeleteRequest.$Properties instead.
             */
            interface IDeleteRequest extends containerd.task.v2.DeleteRequest.$Properties {
            }

            /** Represents a DeleteRequest. */
            class DeleteRequest {

                /**
                 * Constructs a new DeleteRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.DeleteRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** DeleteRequest id. */
                id: string;

                /** DeleteRequest execId. */
                execId: string;

                /**
                 * Encodes the specified DeleteRequest message. Does not implicitly {@link containerd.task.v2.DeleteRequest.verify|verify} messages.
                 * @param message DeleteRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.DeleteRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a DeleteRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.DeleteRequest & containerd.task.v2.DeleteRequest.$Shape} DeleteRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.DeleteRequest;
            }

            namespace DeleteRequest {

                /** Properties of a DeleteRequest. */
                interface $Properties {

                    /** DeleteRequest id */
                    id?: (string|null);

                    /** DeleteRequest execId */
                    execId?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a DeleteRequest. */
                type $Shape = containerd.task.v2.DeleteRequest.$Properties;
            }

            /**
             * Properties of a DeleteResponse.
             * @deprecated Use containerd.task.v2.DeleteResponse.$Properties instead.
             */
            interface IDeleteResponse extends containerd.task.v2.DeleteResponse.$Properties {
            }

            /** Represents a DeleteResponse. */
            class DeleteResponse {

                /**
                 * Constructs a new DeleteResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.DeleteResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** DeleteResponse pid. */
                pid: number;

                /** DeleteResponse exitStatus. */
                exitStatus: number;

                /** DeleteResponse exitedAt. */
                exitedAt?: (google.protobuf.Timestamp|null);

                /**
                 * Encodes the specified DeleteResponse message. Does not implicitly {@link containerd.task.v2.DeleteResponse.verify|verify} messages.
                 * @param message DeleteResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.DeleteResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a DeleteResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.DeleteResponse & containerd.task.v2.DeleteResponse.$Shape} DeleteResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.DeleteResponse;
            }

            namespace DeleteResponse {

                /** Properties of a DeleteResponse. */
                interface $Properties {

                    /** DeleteResponse pid */
                    pid?: (number|null);

                    /** DeleteResponse exitStatus */
                    exitStatus?: (number|null);

                    /** DeleteResponse exitedAt */
                    exitedAt?: (google.protobuf.Timestamp.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a DeleteResponse. */
                type $Shape = containerd.task.v2.DeleteResponse.$Properties;
            }

            /**
             * Properties of a PidsRequest.
             * @deprecated Use containerd.task.v2.PidsRequest.$Properties instead.
             */
            interface IPidsRequest extends containerd.task.v2.PidsRequest.$Properties {
            }

            /** Represents a PidsRequest. */
            class PidsRequest {

                /**
                 * Constructs a new PidsRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.PidsRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** PidsRequest id. */
                id: string;

                /**
                 * Encodes the specified PidsRequest message. Does not implicitly {@link containerd.task.v2.PidsRequest.verify|verify} messages.
                 * @param message PidsRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.PidsRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PidsRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.PidsRequest & containerd.task.v2.PidsRequest.$Shape} PidsRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.PidsRequest;
            }

            namespace PidsRequest {

                /** Properties of a PidsRequest. */
                interface $Properties {

                    /** PidsRequest id */
                    id?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PidsRequest. */
                type $Shape = containerd.task.v2.PidsRequest.$Properties;
            }

            /**
             * Properties of a ProcessInfo.
             * @deprecated Use containerd.task.v2.ProcessInfo.$Properties instead.
             */
            interface IProcessInfo extends containerd.task.v2.ProcessInfo.$Properties {
            }

            /** Represents a ProcessInfo. */
            class ProcessInfo {

                /**
                 * Constructs a new ProcessInfo.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.ProcessInfo.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ProcessInfo pid. */
                pid: number;

                /** ProcessInfo info. */
                info?: (google.protobuf.Any|null);

                /**
                 * Encodes the specified ProcessInfo message. Does not implicitly {@link containerd.task.v2.ProcessInfo.verify|verify} messages.
                 * @param message ProcessInfo message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.ProcessInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ProcessInfo message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.ProcessInfo & containerd.task.v2.ProcessInfo.$Shape} ProcessInfo
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.ProcessInfo;
            }

            namespace ProcessInfo {

                /** Properties of a ProcessInfo. */
                interface $Properties {

                    /** ProcessInfo pid */
                    pid?: (number|null);

                    /** ProcessInfo info */
                    info?: (google.protobuf.Any.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ProcessInfo. */
                type $Shape = containerd.task.v2.ProcessInfo.$Properties;
            }

            /**
             * Properties of a PidsResponse.
             * @deprecated Use containerd.task.v2.PidsResponse.$Properties instead.
             */
            interface IPidsResponse extends containerd.task.v2.PidsResponse.$Properties {
            }

            /** Represents a PidsResponse. */
            class PidsResponse {

                /**
                 * Constructs a new PidsResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.PidsResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** PidsResponse processes. */
                processes: containerd.task.v2.ProcessInfo[];

                /**
                 * Encodes the specified PidsResponse message. Does not implicitly {@link containerd.task.v2.PidsResponse.verify|verify} messages.
                 * @param message PidsResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.PidsResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PidsResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.PidsResponse & containerd.task.v2.PidsResponse.$Shape} PidsResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.PidsResponse;
            }

            namespace PidsResponse {

                /** Properties of a PidsResponse. */
                interface $Properties {

                    /** PidsResponse processes */
                    processes?: (containerd.task.v2.ProcessInfo.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PidsResponse. */
                type $Shape = containerd.task.v2.PidsResponse.$Properties;
            }

            /**
             * Properties of a PauseRequest.
             * @deprecated Use containerd.task.v2.PauseRequest.$Properties instead.
             */
            interface IPauseRequest extends containerd.task.v2.PauseRequest.$Properties {
            }

            /** Represents a PauseRequest. */
            class PauseRequest {

                /**
                 * Constructs a new PauseRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.PauseRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** PauseRequest id. */
                id: string;

                /**
                 * Encodes the specified PauseRequest message. Does not implicitly {@link containerd.task.v2.PauseRequest.verify|verify} messages.
                 * @param message PauseRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.PauseRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PauseRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.PauseRequest & containerd.task.v2.PauseRequest.$Shape} PauseRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.PauseRequest;
            }

            namespace PauseRequest {

                /** Properties of a PauseRequest. */
                interface $Properties {

                    /** PauseRequest id */
                    id?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PauseRequest. */
                type $Shape = containerd.task.v2.PauseRequest.$Properties;
            }

            /**
             * Properties of a ResumeRequest.
             * @deprecated Use containerd.task.v2.ResumeRequest.$Properties instead.
             */
            interface IResumeRequest extends containerd.task.v2.ResumeRequest.$Properties {
            }

            /** Represents a ResumeRequest. */
            class ResumeRequest {

                /**
                 * Constructs a new ResumeRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.ResumeRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ResumeRequest id. */
                id: string;

                /**
                 * Encodes the specified ResumeRequest message. Does not implicitly {@link containerd.task.v2.ResumeRequest.verify|verify} messages.
                 * @param message ResumeRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.ResumeRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ResumeRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.ResumeRequest & containerd.task.v2.ResumeRequest.$Shape} ResumeRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.ResumeRequest;
            }

            namespace ResumeRequest {

                /** Properties of a ResumeRequest. */
                interface $Properties {

                    /** ResumeRequest id */
                    id?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ResumeRequest. */
                type $Shape = containerd.task.v2.ResumeRequest.$Properties;
            }

            /**
             * Properties of a CheckpointTaskRequest.
             * @deprecated Use containerd.task.v2.CheckpointTaskRequest.$Properties instead.
             */
            interface ICheckpointTaskRequest extends containerd.task.v2.CheckpointTaskRequest.$Properties {
            }

            /** Represents a CheckpointTaskRequest. */
            class CheckpointTaskRequest {

                /**
                 * Constructs a new CheckpointTaskRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.CheckpointTaskRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** CheckpointTaskRequest id. */
                id: string;

                /** CheckpointTaskRequest path. */
                path: string;

                /** CheckpointTaskRequest options. */
                options?: (google.protobuf.Any|null);

                /**
                 * Encodes the specified CheckpointTaskRequest message. Does not implicitly {@link containerd.task.v2.CheckpointTaskRequest.verify|verify} messages.
                 * @param message CheckpointTaskRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.CheckpointTaskRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a CheckpointTaskRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.CheckpointTaskRequest & containerd.task.v2.CheckpointTaskRequest.$Shape} CheckpointTaskRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.CheckpointTaskRequest;
            }

            namespace CheckpointTaskRequest {

                /** Properties of a CheckpointTaskRequest. */
                interface $Properties {

                    /** CheckpointTaskRequest id */
                    id?: (string|null);

                    /** CheckpointTaskRequest path */
                    path?: (string|null);

                    /** CheckpointTaskRequest options */
                    options?: (google.protobuf.Any.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a CheckpointTaskRequest. */
                type $Shape = containerd.task.v2.CheckpointTaskRequest.$Properties;
            }

            /**
             * Properties of an ExecProcessRequest.
             * @deprecated Use containerd.task.v2.ExecProcessRequest.$Properties instead.
             */
            interface IExecProcessRequest extends containerd.task.v2.ExecProcessRequest.$Properties {
            }

            /** Represents an ExecProcessRequest. */
            class ExecProcessRequest {

                /**
                 * Constructs a new ExecProcessRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.ExecProcessRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ExecProcessRequest id. */
                id: string;

                /** ExecProcessRequest execId. */
                execId: string;

                /** ExecProcessRequest terminal. */
                terminal: boolean;

                /** ExecProcessRequest stdin. */
                stdin: string;

                /** ExecProcessRequest stdout. */
                stdout: string;

                /** ExecProcessRequest stderr. */
                stderr: string;

                /** ExecProcessRequest spec. */
                spec?: (google.protobuf.Any|null);

                /**
                 * Encodes the specified ExecProcessRequest message. Does not implicitly {@link containerd.task.v2.ExecProcessRequest.verify|verify} messages.
                 * @param message ExecProcessRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.ExecProcessRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an ExecProcessRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.ExecProcessRequest & containerd.task.v2.ExecProcessRequest.$Shape} ExecProcessRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.ExecProcessRequest;
            }

            namespace ExecProcessRequest {

                /** Properties of an ExecProcessRequest. */
                interface $Properties {

                    /** ExecProcessRequest id */
                    id?: (string|null);

                    /** ExecProcessRequest execId */
                    execId?: (string|null);

                    /** ExecProcessRequest terminal */
                    terminal?: (boolean|null);

                    /** ExecProcessRequest stdin */
                    stdin?: (string|null);

                    /** ExecProcessRequest stdout */
                    stdout?: (string|null);

                    /** ExecProcessRequest stderr */
                    stderr?: (string|null);

                    /** ExecProcessRequest spec */
                    spec?: (google.protobuf.Any.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an ExecProcessRequest. */
                type $Shape = containerd.task.v2.ExecProcessRequest.$Properties;
            }

            /**
             * Properties of a ResizePtyRequest.
             * @deprecated Use containerd.task.v2.ResizePtyRequest.$Properties instead.
             */
            interface IResizePtyRequest extends containerd.task.v2.ResizePtyRequest.$Properties {
            }

            /** Represents a ResizePtyRequest. */
            class ResizePtyRequest {

                /**
                 * Constructs a new ResizePtyRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.ResizePtyRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ResizePtyRequest id. */
                id: string;

                /** ResizePtyRequest execId. */
                execId: string;

                /** ResizePtyRequest width. */
                width: number;

                /** ResizePtyRequest height. */
                height: number;

                /**
                 * Encodes the specified ResizePtyRequest message. Does not implicitly {@link containerd.task.v2.ResizePtyRequest.verify|verify} messages.
                 * @param message ResizePtyRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.ResizePtyRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ResizePtyRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.ResizePtyRequest & containerd.task.v2.ResizePtyRequest.$Shape} ResizePtyRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.ResizePtyRequest;
            }

            namespace ResizePtyRequest {

                /** Properties of a ResizePtyRequest. */
                interface $Properties {

                    /** ResizePtyRequest id */
                    id?: (string|null);

                    /** ResizePtyRequest execId */
                    execId?: (string|null);

                    /** ResizePtyRequest width */
                    width?: (number|null);

                    /** ResizePtyRequest height */
                    height?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ResizePtyRequest. */
                type $Shape = containerd.task.v2.ResizePtyRequest.$Properties;
            }

            /**
             * Properties of a CloseIORequest.
             * @deprecated Use containerd.task.v2.CloseIORequest.$Properties instead.
             */
            interface ICloseIORequest extends containerd.task.v2.CloseIORequest.$Properties {
            }

            /** Represents a CloseIORequest. */
            class CloseIORequest {

                /**
                 * Constructs a new CloseIORequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.CloseIORequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** CloseIORequest id. */
                id: string;

                /** CloseIORequest execId. */
                execId: string;

                /** CloseIORequest stdin. */
                stdin: boolean;

                /**
                 * Encodes the specified CloseIORequest message. Does not implicitly {@link containerd.task.v2.CloseIORequest.verify|verify} messages.
                 * @param message CloseIORequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.CloseIORequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a CloseIORequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.CloseIORequest & containerd.task.v2.CloseIORequest.$Shape} CloseIORequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.CloseIORequest;
            }

            namespace CloseIORequest {

                /** Properties of a CloseIORequest. */
                interface $Properties {

                    /** CloseIORequest id */
                    id?: (string|null);

                    /** CloseIORequest execId */
                    execId?: (string|null);

                    /** CloseIORequest stdin */
                    stdin?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a CloseIORequest. */
                type $Shape = containerd.task.v2.CloseIORequest.$Properties;
            }

            /**
             * Properties of an UpdateTaskRequest.
             * @deprecated Use containerd.task.v2.UpdateTaskRequest.$Properties instead.
             */
            interface IUpdateTaskRequest extends containerd.task.v2.UpdateTaskRequest.$Properties {
            }

            /** Represents an UpdateTaskRequest. */
            class UpdateTaskRequest {

                /**
                 * Constructs a new UpdateTaskRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.UpdateTaskRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** UpdateTaskRequest id. */
                id: string;

                /** UpdateTaskRequest resources. */
                resources?: (google.protobuf.Any|null);

                /** UpdateTaskRequest annotations. */
                annotations: { [k: string]: string };

                /**
                 * Encodes the specified UpdateTaskRequest message. Does not implicitly {@link containerd.task.v2.UpdateTaskRequest.verify|verify} messages.
                 * @param message UpdateTaskRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.UpdateTaskRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an UpdateTaskRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.UpdateTaskRequest & containerd.task.v2.UpdateTaskRequest.$Shape} UpdateTaskRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.UpdateTaskRequest;
            }

            namespace UpdateTaskRequest {

                /** Properties of an UpdateTaskRequest. */
                interface $Properties {

                    /** UpdateTaskRequest id */
                    id?: (string|null);

                    /** UpdateTaskRequest resources */
                    resources?: (google.protobuf.Any.$Properties|null);

                    /** UpdateTaskRequest annotations */
                    annotations?: ({ [k: string]: string }|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an UpdateTaskRequest. */
                type $Shape = containerd.task.v2.UpdateTaskRequest.$Properties;
            }

            /**
             * Properties of a StatsRequest.
             * @deprecated Use containerd.task.v2.StatsRequest.$Properties instead.
             */
            interface IStatsRequest extends containerd.task.v2.StatsRequest.$Properties {
            }

            /** Represents a StatsRequest. */
            class StatsRequest {

                /**
                 * Constructs a new StatsRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.StatsRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StatsRequest id. */
                id: string;

                /**
                 * Encodes the specified StatsRequest message. Does not implicitly {@link containerd.task.v2.StatsRequest.verify|verify} messages.
                 * @param message StatsRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.StatsRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StatsRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.StatsRequest & containerd.task.v2.StatsRequest.$Shape} StatsRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.StatsRequest;
            }

            namespace StatsRequest {

                /** Properties of a StatsRequest. */
                interface $Properties {

                    /** StatsRequest id */
                    id?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a StatsRequest. */
                type $Shape = containerd.task.v2.StatsRequest.$Properties;
            }

            /**
             * Properties of a StatsResponse.
             * @deprecated Use containerd.task.v2.StatsResponse.$Properties instead.
             */
            interface IStatsResponse extends containerd.task.v2.StatsResponse.$Properties {
            }

            /** Represents a StatsResponse. */
            class StatsResponse {

                /**
                 * Constructs a new StatsResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.StatsResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StatsResponse stats. */
                stats?: (google.protobuf.Any|null);

                /**
                 * Encodes the specified StatsResponse message. Does not implicitly {@link containerd.task.v2.StatsResponse.verify|verify} messages.
                 * @param message StatsResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.StatsResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StatsResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.StatsResponse & containerd.task.v2.StatsResponse.$Shape} StatsResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.StatsResponse;
            }

            namespace StatsResponse {

                /** Properties of a StatsResponse. */
                interface $Properties {

                    /** StatsResponse stats */
                    stats?: (google.protobuf.Any.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a StatsResponse. */
                type $Shape = containerd.task.v2.StatsResponse.$Properties;
            }

            /**
             * Properties of a ConnectRequest.
             * @deprecated Use containerd.task.v2.ConnectRequest.$Properties instead.
             */
            interface IConnectRequest extends containerd.task.v2.ConnectRequest.$Properties {
            }

            /** Represents a ConnectRequest. */
            class ConnectRequest {

                /**
                 * Constructs a new ConnectRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.ConnectRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ConnectRequest id. */
                id: string;

                /**
                 * Encodes the specified ConnectRequest message. Does not implicitly {@link containerd.task.v2.ConnectRequest.verify|verify} messages.
                 * @param message ConnectRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.ConnectRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ConnectRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.ConnectRequest & containerd.task.v2.ConnectRequest.$Shape} ConnectRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.ConnectRequest;
            }

            namespace ConnectRequest {

                /** Properties of a ConnectRequest. */
                interface $Properties {

                    /** ConnectRequest id */
                    id?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ConnectRequest. */
                type $Shape = containerd.task.v2.ConnectRequest.$Properties;
            }

            /**
             * Properties of a ConnectResponse.
             * @deprecated Use containerd.task.v2.ConnectResponse.$Properties instead.
             */
            interface IConnectResponse extends containerd.task.v2.ConnectResponse.$Properties {
            }

            /** Represents a ConnectResponse. */
            class ConnectResponse {

                /**
                 * Constructs a new ConnectResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.ConnectResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ConnectResponse shimPid. */
                shimPid: number;

                /** ConnectResponse taskPid. */
                taskPid: number;

                /** ConnectResponse version. */
                version: string;

                /**
                 * Encodes the specified ConnectResponse message. Does not implicitly {@link containerd.task.v2.ConnectResponse.verify|verify} messages.
                 * @param message ConnectResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.ConnectResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ConnectResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.ConnectResponse & containerd.task.v2.ConnectResponse.$Shape} ConnectResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.ConnectResponse;
            }

            namespace ConnectResponse {

                /** Properties of a ConnectResponse. */
                interface $Properties {

                    /** ConnectResponse shimPid */
                    shimPid?: (number|null);

                    /** ConnectResponse taskPid */
                    taskPid?: (number|null);

                    /** ConnectResponse version */
                    version?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ConnectResponse. */
                type $Shape = containerd.task.v2.ConnectResponse.$Properties;
            }

            /**
             * Properties of a ShutdownRequest.
             * @deprecated Use containerd.task.v2.ShutdownRequest.$Properties instead.
             */
            interface IShutdownRequest extends containerd.task.v2.ShutdownRequest.$Properties {
            }

            /** Represents a ShutdownRequest. */
            class ShutdownRequest {

                /**
                 * Constructs a new ShutdownRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: containerd.task.v2.ShutdownRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ShutdownRequest id. */
                id: string;

                /** ShutdownRequest now. */
                now: boolean;

                /**
                 * Encodes the specified ShutdownRequest message. Does not implicitly {@link containerd.task.v2.ShutdownRequest.verify|verify} messages.
                 * @param message ShutdownRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: containerd.task.v2.ShutdownRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ShutdownRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {containerd.task.v2.ShutdownRequest & containerd.task.v2.ShutdownRequest.$Shape} ShutdownRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.task.v2.ShutdownRequest;
            }

            namespace ShutdownRequest {

                /** Properties of a ShutdownRequest. */
                interface $Properties {

                    /** ShutdownRequest id */
                    id?: (string|null);

                    /** ShutdownRequest now */
                    now?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ShutdownRequest. */
                type $Shape = containerd.task.v2.ShutdownRequest.$Properties;
            }
        }
    }

    /** Namespace events. */
    namespace events {

        /**
         * Properties of a TaskIO.
         * @deprecated Use containerd.events.TaskIO.$Properties instead.
         */
        interface ITaskIO extends containerd.events.TaskIO.$Properties {
        }

        /** Represents a TaskIO. */
        class TaskIO {

            /**
             * Constructs a new TaskIO.
             * @param [properties] Properties to set
             */
            constructor(properties?: containerd.events.TaskIO.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TaskIO stdin. */
            stdin: string;

            /** TaskIO stdout. */
            stdout: string;

            /** TaskIO stderr. */
            stderr: string;

            /** TaskIO terminal. */
            terminal: boolean;

            /**
             * Encodes the specified TaskIO message. Does not implicitly {@link containerd.events.TaskIO.verify|verify} messages.
             * @param message TaskIO message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: containerd.events.TaskIO.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskIO message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {containerd.events.TaskIO & containerd.events.TaskIO.$Shape} TaskIO
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.events.TaskIO;
        }

        namespace TaskIO {

            /** Properties of a TaskIO. */
            interface $Properties {

                /** TaskIO stdin */
                stdin?: (string|null);

                /** TaskIO stdout */
                stdout?: (string|null);

                /** TaskIO stderr */
                stderr?: (string|null);

                /** TaskIO terminal */
                terminal?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TaskIO. */
            type $Shape = containerd.events.TaskIO.$Properties;
        }

        /**
         * Properties of a TaskCreate.
         * @deprecated Use containerd.events.TaskCreate.$Properties instead.
         */
        interface ITaskCreate extends containerd.events.TaskCreate.$Properties {
        }

        /** Represents a TaskCreate. */
        class TaskCreate {

            /**
             * Constructs a new TaskCreate.
             * @param [properties] Properties to set
             */
            constructor(properties?: containerd.events.TaskCreate.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TaskCreate containerId. */
            containerId: string;

            /** TaskCreate bundle. */
            bundle: string;

            /** TaskCreate rootfs. */
            rootfs: containerd.task.v2.Mount[];

            /** TaskCreate io. */
            io?: (containerd.events.TaskIO|null);

            /** TaskCreate checkpoint. */
            checkpoint: string;

            /** TaskCreate pid. */
            pid: number;

            /**
             * Encodes the specified TaskCreate message. Does not implicitly {@link containerd.events.TaskCreate.verify|verify} messages.
             * @param message TaskCreate message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: containerd.events.TaskCreate.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskCreate message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {containerd.events.TaskCreate & containerd.events.TaskCreate.$Shape} TaskCreate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.events.TaskCreate;
        }

        namespace TaskCreate {

            /** Properties of a TaskCreate. */
            interface $Properties {

                /** TaskCreate containerId */
                containerId?: (string|null);

                /** TaskCreate bundle */
                bundle?: (string|null);

                /** TaskCreate rootfs */
                rootfs?: (containerd.task.v2.Mount.$Properties[]|null);

                /** TaskCreate io */
                io?: (containerd.events.TaskIO.$Properties|null);

                /** TaskCreate checkpoint */
                checkpoint?: (string|null);

                /** TaskCreate pid */
                pid?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TaskCreate. */
            type $Shape = containerd.events.TaskCreate.$Properties;
        }

        /**
         * Properties of a TaskStart.
         * @deprecated Use containerd.events.TaskStart.$Properties instead.
         */
        interface ITaskStart extends containerd.events.TaskStart.$Properties {
        }

        /** Represents a TaskStart. */
        class TaskStart {

            /**
             * Constructs a new TaskStart.
             * @param [properties] Properties to set
             */
            constructor(properties?: containerd.events.TaskStart.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TaskStart containerId. */
            containerId: string;

            /** TaskStart pid. */
            pid: number;

            /**
             * Encodes the specified TaskStart message. Does not implicitly {@link containerd.events.TaskStart.verify|verify} messages.
             * @param message TaskStart message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: containerd.events.TaskStart.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskStart message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {containerd.events.TaskStart & containerd.events.TaskStart.$Shape} TaskStart
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.events.TaskStart;
        }

        namespace TaskStart {

            /** Properties of a TaskStart. */
            interface $Properties {

                /** TaskStart containerId */
                containerId?: (string|null);

                /** TaskStart pid */
                pid?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TaskStart. */
            type $Shape = containerd.events.TaskStart.$Properties;
        }

        /**
         * Properties of a TaskExit.
         * @deprecated Use containerd.events.TaskExit.$Properties instead.
         */
        interface ITaskExit extends containerd.events.TaskExit.$Properties {
        }

        /** Represents a TaskExit. */
        class TaskExit {

            /**
             * Constructs a new TaskExit.
             * @param [properties] Properties to set
             */
            constructor(properties?: containerd.events.TaskExit.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TaskExit containerId. */
            containerId: string;

            /** TaskExit id. */
            id: string;

            /** TaskExit pid. */
            pid: number;

            /** TaskExit exitStatus. */
            exitStatus: number;

            /** TaskExit exitedAt. */
            exitedAt?: (google.protobuf.Timestamp|null);

            /**
             * Encodes the specified TaskExit message. Does not implicitly {@link containerd.events.TaskExit.verify|verify} messages.
             * @param message TaskExit message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: containerd.events.TaskExit.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskExit message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {containerd.events.TaskExit & containerd.events.TaskExit.$Shape} TaskExit
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.events.TaskExit;
        }

        namespace TaskExit {

            /** Properties of a TaskExit. */
            interface $Properties {

                /** TaskExit containerId */
                containerId?: (string|null);

                /** TaskExit id */
                id?: (string|null);

                /** TaskExit pid */
                pid?: (number|null);

                /** TaskExit exitStatus */
                exitStatus?: (number|null);

                /** TaskExit exitedAt */
                exitedAt?: (google.protobuf.Timestamp.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TaskExit. */
            type $Shape = containerd.events.TaskExit.$Properties;
        }

        /**
         * Properties of a TaskDelete.
         * @deprecated Use containerd.events.TaskDelete.$Properties instead.
         */
        interface ITaskDelete extends containerd.events.TaskDelete.$Properties {
        }

        /** Represents a TaskDelete. */
        class TaskDelete {

            /**
             * Constructs a new TaskDelete.
             * @param [properties] Properties to set
             */
            constructor(properties?: containerd.events.TaskDelete.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TaskDelete containerId. */
            containerId: string;

            /** TaskDelete pid. */
            pid: number;

            /** TaskDelete exitStatus. */
            exitStatus: number;

            /** TaskDelete exitedAt. */
            exitedAt?: (google.protobuf.Timestamp|null);

            /** TaskDelete id. */
            id: string;

            /**
             * Encodes the specified TaskDelete message. Does not implicitly {@link containerd.events.TaskDelete.verify|verify} messages.
             * @param message TaskDelete message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: containerd.events.TaskDelete.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskDelete message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {containerd.events.TaskDelete & containerd.events.TaskDelete.$Shape} TaskDelete
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.events.TaskDelete;
        }

        namespace TaskDelete {

            /** Properties of a TaskDelete. */
            interface $Properties {

                /** TaskDelete containerId */
                containerId?: (string|null);

                /** TaskDelete pid */
                pid?: (number|null);

                /** TaskDelete exitStatus */
                exitStatus?: (number|null);

                /** TaskDelete exitedAt */
                exitedAt?: (google.protobuf.Timestamp.$Properties|null);

                /** TaskDelete id */
                id?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TaskDelete. */
            type $Shape = containerd.events.TaskDelete.$Properties;
        }
    }

    /** Namespace services. */
    namespace services {

        /** Namespace events. */
        namespace events {

            /** Namespace ttrpc. */
            namespace ttrpc {

                /** Namespace v1. */
                namespace v1 {

                    /**
                     * Properties of an Envelope.
                     * @deprecated Use containerd.services.events.ttrpc.v1.Envelope.$Properties instead.
                     */
                    interface IEnvelope extends containerd.services.events.ttrpc.v1.Envelope.$Properties {
                    }

                    /** Represents an Envelope. */
                    class Envelope {

                        /**
                         * Constructs a new Envelope.
                         * @param [properties] Properties to set
                         */
                        constructor(properties?: containerd.services.events.ttrpc.v1.Envelope.$Properties);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];

                        /** Envelope timestamp. */
                        timestamp?: (google.protobuf.Timestamp|null);

                        /** Envelope namespace. */
                        namespace: string;

                        /** Envelope topic. */
                        topic: string;

                        /** Envelope event. */
                        event?: (google.protobuf.Any|null);

                        /**
                         * Encodes the specified Envelope message. Does not implicitly {@link containerd.services.events.ttrpc.v1.Envelope.verify|verify} messages.
                         * @param message Envelope message or plain object to encode
                         * @param [writer] Writer to encode to
                         * @returns Writer
                         */
                        static encode(message: containerd.services.events.ttrpc.v1.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                        /**
                         * Decodes an Envelope message from the specified reader or buffer.
                         * @param reader Reader or buffer to decode from
                         * @param [length] Message length if known beforehand
                         * @returns {containerd.services.events.ttrpc.v1.Envelope & containerd.services.events.ttrpc.v1.Envelope.$Shape} Envelope
                         * @throws {Error} If the payload is not a reader or valid buffer
                         * @throws {$protobuf.util.ProtocolError} If required fields are missing
                         */
                        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.services.events.ttrpc.v1.Envelope;
                    }

                    namespace Envelope {

                        /** Properties of an Envelope. */
                        interface $Properties {

                            /** Envelope timestamp */
                            timestamp?: (google.protobuf.Timestamp.$Properties|null);

                            /** Envelope namespace */
                            namespace?: (string|null);

                            /** Envelope topic */
                            topic?: (string|null);

                            /** Envelope event */
                            event?: (google.protobuf.Any.$Properties|null);

                            /** Unknown fields preserved while decoding when enabled */
                            $unknowns?: Uint8Array[];
                        }

                        /** Shape of an Envelope. */
                        type $Shape = containerd.services.events.ttrpc.v1.Envelope.$Properties;
                    }

                    /**
                     * Properties of a ForwardRequest.
                     * @deprecated Use containerd.services.events.ttrpc.v1.ForwardRequest.$Properties instead.
                     */
                    interface IForwardRequest extends containerd.services.events.ttrpc.v1.ForwardRequest.$Properties {
                    }

                    /** Represents a ForwardRequest. */
                    class ForwardRequest {

                        /**
                         * Constructs a new ForwardRequest.
                         * @param [properties] Properties to set
                         */
                        constructor(properties?: containerd.services.events.ttrpc.v1.ForwardRequest.$Properties);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];

                        /** ForwardRequest envelope. */
                        envelope?: (containerd.services.events.ttrpc.v1.Envelope|null);

                        /**
                         * Encodes the specified ForwardRequest message. Does not implicitly {@link containerd.services.events.ttrpc.v1.ForwardRequest.verify|verify} messages.
                         * @param message ForwardRequest message or plain object to encode
                         * @param [writer] Writer to encode to
                         * @returns Writer
                         */
                        static encode(message: containerd.services.events.ttrpc.v1.ForwardRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                        /**
                         * Decodes a ForwardRequest message from the specified reader or buffer.
                         * @param reader Reader or buffer to decode from
                         * @param [length] Message length if known beforehand
                         * @returns {containerd.services.events.ttrpc.v1.ForwardRequest & containerd.services.events.ttrpc.v1.ForwardRequest.$Shape} ForwardRequest
                         * @throws {Error} If the payload is not a reader or valid buffer
                         * @throws {$protobuf.util.ProtocolError} If required fields are missing
                         */
                        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): containerd.services.events.ttrpc.v1.ForwardRequest;
                    }

                    namespace ForwardRequest {

                        /** Properties of a ForwardRequest. */
                        interface $Properties {

                            /** ForwardRequest envelope */
                            envelope?: (containerd.services.events.ttrpc.v1.Envelope.$Properties|null);

                            /** Unknown fields preserved while decoding when enabled */
                            $unknowns?: Uint8Array[];
                        }

                        /** Shape of a ForwardRequest. */
                        type $Shape = containerd.services.events.ttrpc.v1.ForwardRequest.$Properties;
                    }
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
         * Properties of a Timestamp.
         * @deprecated Use google.protobuf.Timestamp.$Properties instead.
         */
        interface ITimestamp extends google.protobuf.Timestamp.$Properties {
        }

        /** Represents a Timestamp. */
        class Timestamp {

            /**
             * Constructs a new Timestamp.
             * @param [properties] Properties to set
             */
            constructor(properties?: google.protobuf.Timestamp.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Timestamp seconds. */
            seconds: (number|Long);

            /** Timestamp nanos. */
            nanos: number;

            /**
             * Encodes the specified Timestamp message. Does not implicitly {@link google.protobuf.Timestamp.verify|verify} messages.
             * @param message Timestamp message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: google.protobuf.Timestamp.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Timestamp message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape} Timestamp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.Timestamp;
        }

        namespace Timestamp {

            /** Properties of a Timestamp. */
            interface $Properties {

                /** Timestamp seconds */
                seconds?: (number|Long|null);

                /** Timestamp nanos */
                nanos?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Timestamp. */
            type $Shape = google.protobuf.Timestamp.$Properties;
        }
    }
}

/** Namespace runtimeoptions. */
export namespace runtimeoptions {

    /** Namespace v1. */
    namespace v1 {

        /**
         * Properties of an Options.
         * @deprecated Use runtimeoptions.v1.Options.$Properties instead.
         */
        interface IOptions extends runtimeoptions.v1.Options.$Properties {
        }

        /** Represents an Options. */
        class Options {

            /**
             * Constructs a new Options.
             * @param [properties] Properties to set
             */
            constructor(properties?: runtimeoptions.v1.Options.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Options typeUrl. */
            typeUrl: string;

            /** Options configPath. */
            configPath: string;

            /**
             * Encodes the specified Options message. Does not implicitly {@link runtimeoptions.v1.Options.verify|verify} messages.
             * @param message Options message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: runtimeoptions.v1.Options.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Options message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {runtimeoptions.v1.Options & runtimeoptions.v1.Options.$Shape} Options
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): runtimeoptions.v1.Options;
        }

        namespace Options {

            /** Properties of an Options. */
            interface $Properties {

                /** Options typeUrl */
                typeUrl?: (string|null);

                /** Options configPath */
                configPath?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Options. */
            type $Shape = runtimeoptions.v1.Options.$Properties;
        }
    }
}

/** Namespace io. */
export namespace io {

    /** Namespace containerd. */
    namespace containerd {

        /** Namespace cgroups. */
        namespace cgroups {

            /** Namespace v1. */
            namespace v1 {

                /**
                 * Properties of a Metrics.
                 * @deprecated Use io.containerd.cgroups.v1.Metrics.$Properties instead.
                 */
                interface IMetrics extends io.containerd.cgroups.v1.Metrics.$Properties {
                }

                /** Represents a Metrics. */
                class Metrics {

                    /**
                     * Constructs a new Metrics.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: io.containerd.cgroups.v1.Metrics.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Metrics pids. */
                    pids?: (io.containerd.cgroups.v1.PidsStat|null);

                    /** Metrics cpu. */
                    cpu?: (io.containerd.cgroups.v1.CPUStat|null);

                    /** Metrics memory. */
                    memory?: (io.containerd.cgroups.v1.MemoryStat|null);

                    /**
                     * Encodes the specified Metrics message. Does not implicitly {@link io.containerd.cgroups.v1.Metrics.verify|verify} messages.
                     * @param message Metrics message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: io.containerd.cgroups.v1.Metrics.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a Metrics message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {io.containerd.cgroups.v1.Metrics & io.containerd.cgroups.v1.Metrics.$Shape} Metrics
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): io.containerd.cgroups.v1.Metrics;
                }

                namespace Metrics {

                    /** Properties of a Metrics. */
                    interface $Properties {

                        /** Metrics pids */
                        pids?: (io.containerd.cgroups.v1.PidsStat.$Properties|null);

                        /** Metrics cpu */
                        cpu?: (io.containerd.cgroups.v1.CPUStat.$Properties|null);

                        /** Metrics memory */
                        memory?: (io.containerd.cgroups.v1.MemoryStat.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a Metrics. */
                    type $Shape = io.containerd.cgroups.v1.Metrics.$Properties;
                }

                /**
                 * Properties of a PidsStat.
                 * @deprecated Use io.containerd.cgroups.v1.PidsStat.$Properties instead.
                 */
                interface IPidsStat extends io.containerd.cgroups.v1.PidsStat.$Properties {
                }

                /** Represents a PidsStat. */
                class PidsStat {

                    /**
                     * Constructs a new PidsStat.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: io.containerd.cgroups.v1.PidsStat.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** PidsStat current. */
                    current: (number|Long);

                    /** PidsStat limit. */
                    limit: (number|Long);

                    /**
                     * Encodes the specified PidsStat message. Does not implicitly {@link io.containerd.cgroups.v1.PidsStat.verify|verify} messages.
                     * @param message PidsStat message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: io.containerd.cgroups.v1.PidsStat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a PidsStat message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {io.containerd.cgroups.v1.PidsStat & io.containerd.cgroups.v1.PidsStat.$Shape} PidsStat
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): io.containerd.cgroups.v1.PidsStat;
                }

                namespace PidsStat {

                    /** Properties of a PidsStat. */
                    interface $Properties {

                        /** PidsStat current */
                        current?: (number|Long|null);

                        /** PidsStat limit */
                        limit?: (number|Long|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a PidsStat. */
                    type $Shape = io.containerd.cgroups.v1.PidsStat.$Properties;
                }

                /**
                 * Properties of a CPUStat.
                 * @deprecated Use io.containerd.cgroups.v1.CPUStat.$Properties instead.
                 */
                interface ICPUStat extends io.containerd.cgroups.v1.CPUStat.$Properties {
                }

                /** Represents a CPUStat. */
                class CPUStat {

                    /**
                     * Constructs a new CPUStat.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: io.containerd.cgroups.v1.CPUStat.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** CPUStat usage. */
                    usage?: (io.containerd.cgroups.v1.CPUUsage|null);

                    /**
                     * Encodes the specified CPUStat message. Does not implicitly {@link io.containerd.cgroups.v1.CPUStat.verify|verify} messages.
                     * @param message CPUStat message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: io.containerd.cgroups.v1.CPUStat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a CPUStat message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {io.containerd.cgroups.v1.CPUStat & io.containerd.cgroups.v1.CPUStat.$Shape} CPUStat
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): io.containerd.cgroups.v1.CPUStat;
                }

                namespace CPUStat {

                    /** Properties of a CPUStat. */
                    interface $Properties {

                        /** CPUStat usage */
                        usage?: (io.containerd.cgroups.v1.CPUUsage.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a CPUStat. */
                    type $Shape = io.containerd.cgroups.v1.CPUStat.$Properties;
                }

                /**
                 * Properties of a CPUUsage.
                 * @deprecated Use io.containerd.cgroups.v1.CPUUsage.$Properties instead.
                 */
                interface ICPUUsage extends io.containerd.cgroups.v1.CPUUsage.$Properties {
                }

                /** Represents a CPUUsage. */
                class CPUUsage {

                    /**
                     * Constructs a new CPUUsage.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: io.containerd.cgroups.v1.CPUUsage.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** CPUUsage total. */
                    total: (number|Long);

                    /** CPUUsage kernel. */
                    kernel: (number|Long);

                    /** CPUUsage user. */
                    user: (number|Long);

                    /** CPUUsage perCpu. */
                    perCpu: (number|Long)[];

                    /**
                     * Encodes the specified CPUUsage message. Does not implicitly {@link io.containerd.cgroups.v1.CPUUsage.verify|verify} messages.
                     * @param message CPUUsage message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: io.containerd.cgroups.v1.CPUUsage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a CPUUsage message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {io.containerd.cgroups.v1.CPUUsage & io.containerd.cgroups.v1.CPUUsage.$Shape} CPUUsage
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): io.containerd.cgroups.v1.CPUUsage;
                }

                namespace CPUUsage {

                    /** Properties of a CPUUsage. */
                    interface $Properties {

                        /** CPUUsage total */
                        total?: (number|Long|null);

                        /** CPUUsage kernel */
                        kernel?: (number|Long|null);

                        /** CPUUsage user */
                        user?: (number|Long|null);

                        /** CPUUsage perCpu */
                        perCpu?: ((number|Long)[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a CPUUsage. */
                    type $Shape = io.containerd.cgroups.v1.CPUUsage.$Properties;
                }

                /**
                 * Properties of a MemoryStat.
                 * @deprecated Use io.containerd.cgroups.v1.MemoryStat.$Properties instead.
                 */
                interface IMemoryStat extends io.containerd.cgroups.v1.MemoryStat.$Properties {
                }

                /** Represents a MemoryStat. */
                class MemoryStat {

                    /**
                     * Constructs a new MemoryStat.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: io.containerd.cgroups.v1.MemoryStat.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** MemoryStat cache. */
                    cache: (number|Long);

                    /** MemoryStat rss. */
                    rss: (number|Long);

                    /** MemoryStat mappedFile. */
                    mappedFile: (number|Long);

                    /** MemoryStat totalCache. */
                    totalCache: (number|Long);

                    /** MemoryStat totalRss. */
                    totalRss: (number|Long);

                    /** MemoryStat totalMappedFile. */
                    totalMappedFile: (number|Long);

                    /** MemoryStat totalInactiveFile. */
                    totalInactiveFile: (number|Long);

                    /** MemoryStat usage. */
                    usage?: (io.containerd.cgroups.v1.MemoryEntry|null);

                    /** MemoryStat swap. */
                    swap?: (io.containerd.cgroups.v1.MemoryEntry|null);

                    /**
                     * Encodes the specified MemoryStat message. Does not implicitly {@link io.containerd.cgroups.v1.MemoryStat.verify|verify} messages.
                     * @param message MemoryStat message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: io.containerd.cgroups.v1.MemoryStat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a MemoryStat message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {io.containerd.cgroups.v1.MemoryStat & io.containerd.cgroups.v1.MemoryStat.$Shape} MemoryStat
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): io.containerd.cgroups.v1.MemoryStat;
                }

                namespace MemoryStat {

                    /** Properties of a MemoryStat. */
                    interface $Properties {

                        /** MemoryStat cache */
                        cache?: (number|Long|null);

                        /** MemoryStat rss */
                        rss?: (number|Long|null);

                        /** MemoryStat mappedFile */
                        mappedFile?: (number|Long|null);

                        /** MemoryStat totalCache */
                        totalCache?: (number|Long|null);

                        /** MemoryStat totalRss */
                        totalRss?: (number|Long|null);

                        /** MemoryStat totalMappedFile */
                        totalMappedFile?: (number|Long|null);

                        /** MemoryStat totalInactiveFile */
                        totalInactiveFile?: (number|Long|null);

                        /** MemoryStat usage */
                        usage?: (io.containerd.cgroups.v1.MemoryEntry.$Properties|null);

                        /** MemoryStat swap */
                        swap?: (io.containerd.cgroups.v1.MemoryEntry.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a MemoryStat. */
                    type $Shape = io.containerd.cgroups.v1.MemoryStat.$Properties;
                }

                /**
                 * Properties of a MemoryEntry.
                 * @deprecated Use io.containerd.cgroups.v1.MemoryEntry.$Properties instead.
                 */
                interface IMemoryEntry extends io.containerd.cgroups.v1.MemoryEntry.$Properties {
                }

                /** Represents a MemoryEntry. */
                class MemoryEntry {

                    /**
                     * Constructs a new MemoryEntry.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: io.containerd.cgroups.v1.MemoryEntry.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** MemoryEntry limit. */
                    limit: (number|Long);

                    /** MemoryEntry usage. */
                    usage: (number|Long);

                    /** MemoryEntry max. */
                    max: (number|Long);

                    /** MemoryEntry failcnt. */
                    failcnt: (number|Long);

                    /**
                     * Encodes the specified MemoryEntry message. Does not implicitly {@link io.containerd.cgroups.v1.MemoryEntry.verify|verify} messages.
                     * @param message MemoryEntry message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: io.containerd.cgroups.v1.MemoryEntry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a MemoryEntry message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {io.containerd.cgroups.v1.MemoryEntry & io.containerd.cgroups.v1.MemoryEntry.$Shape} MemoryEntry
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): io.containerd.cgroups.v1.MemoryEntry;
                }

                namespace MemoryEntry {

                    /** Properties of a MemoryEntry. */
                    interface $Properties {

                        /** MemoryEntry limit */
                        limit?: (number|Long|null);

                        /** MemoryEntry usage */
                        usage?: (number|Long|null);

                        /** MemoryEntry max */
                        max?: (number|Long|null);

                        /** MemoryEntry failcnt */
                        failcnt?: (number|Long|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a MemoryEntry. */
                    type $Shape = io.containerd.cgroups.v1.MemoryEntry.$Properties;
                }
            }

            /** Namespace v2. */
            namespace v2 {

                /**
                 * Properties of a Metrics.
                 * @deprecated Use io.containerd.cgroups.v2.Metrics.$Properties instead.
                 */
                interface IMetrics extends io.containerd.cgroups.v2.Metrics.$Properties {
                }

                /** Represents a Metrics. */
                class Metrics {

                    /**
                     * Constructs a new Metrics.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: io.containerd.cgroups.v2.Metrics.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Metrics pids. */
                    pids?: (io.containerd.cgroups.v2.PidsStat|null);

                    /** Metrics cpu. */
                    cpu?: (io.containerd.cgroups.v2.CPUStat|null);

                    /** Metrics memory. */
                    memory?: (io.containerd.cgroups.v2.MemoryStat|null);

                    /**
                     * Encodes the specified Metrics message. Does not implicitly {@link io.containerd.cgroups.v2.Metrics.verify|verify} messages.
                     * @param message Metrics message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: io.containerd.cgroups.v2.Metrics.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a Metrics message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {io.containerd.cgroups.v2.Metrics & io.containerd.cgroups.v2.Metrics.$Shape} Metrics
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): io.containerd.cgroups.v2.Metrics;
                }

                namespace Metrics {

                    /** Properties of a Metrics. */
                    interface $Properties {

                        /** Metrics pids */
                        pids?: (io.containerd.cgroups.v2.PidsStat.$Properties|null);

                        /** Metrics cpu */
                        cpu?: (io.containerd.cgroups.v2.CPUStat.$Properties|null);

                        /** Metrics memory */
                        memory?: (io.containerd.cgroups.v2.MemoryStat.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a Metrics. */
                    type $Shape = io.containerd.cgroups.v2.Metrics.$Properties;
                }

                /**
                 * Properties of a PidsStat.
                 * @deprecated Use io.containerd.cgroups.v2.PidsStat.$Properties instead.
                 */
                interface IPidsStat extends io.containerd.cgroups.v2.PidsStat.$Properties {
                }

                /** Represents a PidsStat. */
                class PidsStat {

                    /**
                     * Constructs a new PidsStat.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: io.containerd.cgroups.v2.PidsStat.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** PidsStat current. */
                    current: (number|Long);

                    /** PidsStat limit. */
                    limit: (number|Long);

                    /**
                     * Encodes the specified PidsStat message. Does not implicitly {@link io.containerd.cgroups.v2.PidsStat.verify|verify} messages.
                     * @param message PidsStat message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: io.containerd.cgroups.v2.PidsStat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a PidsStat message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {io.containerd.cgroups.v2.PidsStat & io.containerd.cgroups.v2.PidsStat.$Shape} PidsStat
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): io.containerd.cgroups.v2.PidsStat;
                }

                namespace PidsStat {

                    /** Properties of a PidsStat. */
                    interface $Properties {

                        /** PidsStat current */
                        current?: (number|Long|null);

                        /** PidsStat limit */
                        limit?: (number|Long|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a PidsStat. */
                    type $Shape = io.containerd.cgroups.v2.PidsStat.$Properties;
                }

                /**
                 * Properties of a CPUStat.
                 * @deprecated Use io.containerd.cgroups.v2.CPUStat.$Properties instead.
                 */
                interface ICPUStat extends io.containerd.cgroups.v2.CPUStat.$Properties {
                }

                /** Represents a CPUStat. */
                class CPUStat {

                    /**
                     * Constructs a new CPUStat.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: io.containerd.cgroups.v2.CPUStat.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** CPUStat usageUsec. */
                    usageUsec: (number|Long);

                    /** CPUStat userUsec. */
                    userUsec: (number|Long);

                    /** CPUStat systemUsec. */
                    systemUsec: (number|Long);

                    /**
                     * Encodes the specified CPUStat message. Does not implicitly {@link io.containerd.cgroups.v2.CPUStat.verify|verify} messages.
                     * @param message CPUStat message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: io.containerd.cgroups.v2.CPUStat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a CPUStat message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {io.containerd.cgroups.v2.CPUStat & io.containerd.cgroups.v2.CPUStat.$Shape} CPUStat
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): io.containerd.cgroups.v2.CPUStat;
                }

                namespace CPUStat {

                    /** Properties of a CPUStat. */
                    interface $Properties {

                        /** CPUStat usageUsec */
                        usageUsec?: (number|Long|null);

                        /** CPUStat userUsec */
                        userUsec?: (number|Long|null);

                        /** CPUStat systemUsec */
                        systemUsec?: (number|Long|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a CPUStat. */
                    type $Shape = io.containerd.cgroups.v2.CPUStat.$Properties;
                }

                /**
                 * Properties of a MemoryStat.
                 * @deprecated Use io.containerd.cgroups.v2.MemoryStat.$Properties instead.
                 */
                interface IMemoryStat extends io.containerd.cgroups.v2.MemoryStat.$Properties {
                }

                /** Represents a MemoryStat. */
                class MemoryStat {

                    /**
                     * Constructs a new MemoryStat.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: io.containerd.cgroups.v2.MemoryStat.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** MemoryStat anon. */
                    anon: (number|Long);

                    /** MemoryStat file. */
                    file: (number|Long);

                    /** MemoryStat fileMapped. */
                    fileMapped: (number|Long);

                    /** MemoryStat inactiveFile. */
                    inactiveFile: (number|Long);

                    /** MemoryStat usage. */
                    usage: (number|Long);

                    /** MemoryStat usageLimit. */
                    usageLimit: (number|Long);

                    /** MemoryStat swapUsage. */
                    swapUsage: (number|Long);

                    /** MemoryStat swapLimit. */
                    swapLimit: (number|Long);

                    /** MemoryStat maxUsage. */
                    maxUsage: (number|Long);

                    /**
                     * Encodes the specified MemoryStat message. Does not implicitly {@link io.containerd.cgroups.v2.MemoryStat.verify|verify} messages.
                     * @param message MemoryStat message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: io.containerd.cgroups.v2.MemoryStat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a MemoryStat message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {io.containerd.cgroups.v2.MemoryStat & io.containerd.cgroups.v2.MemoryStat.$Shape} MemoryStat
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): io.containerd.cgroups.v2.MemoryStat;
                }

                namespace MemoryStat {

                    /** Properties of a MemoryStat. */
                    interface $Properties {

                        /** MemoryStat anon */
                        anon?: (number|Long|null);

                        /** MemoryStat file */
                        file?: (number|Long|null);

                        /** MemoryStat fileMapped */
                        fileMapped?: (number|Long|null);

                        /** MemoryStat inactiveFile */
                        inactiveFile?: (number|Long|null);

                        /** MemoryStat usage */
                        usage?: (number|Long|null);

                        /** MemoryStat usageLimit */
                        usageLimit?: (number|Long|null);

                        /** MemoryStat swapUsage */
                        swapUsage?: (number|Long|null);

                        /** MemoryStat swapLimit */
                        swapLimit?: (number|Long|null);

                        /** MemoryStat maxUsage */
                        maxUsage?: (number|Long|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a MemoryStat. */
                    type $Shape = io.containerd.cgroups.v2.MemoryStat.$Properties;
                }
            }
        }
    }
}

/** Each service's methods: path, message types, streaming. */
export const services: {
  "containerd.task.v2.Task": {
    State: { path: "/containerd.task.v2.Task/State"; requestType: typeof containerd.task.v2.StateRequest; responseType: typeof containerd.task.v2.StateResponse; requestStream: false; responseStream: false };
    Create: { path: "/containerd.task.v2.Task/Create"; requestType: typeof containerd.task.v2.CreateTaskRequest; responseType: typeof containerd.task.v2.CreateTaskResponse; requestStream: false; responseStream: false };
    Start: { path: "/containerd.task.v2.Task/Start"; requestType: typeof containerd.task.v2.StartRequest; responseType: typeof containerd.task.v2.StartResponse; requestStream: false; responseStream: false };
    Delete: { path: "/containerd.task.v2.Task/Delete"; requestType: typeof containerd.task.v2.DeleteRequest; responseType: typeof containerd.task.v2.DeleteResponse; requestStream: false; responseStream: false };
    Pids: { path: "/containerd.task.v2.Task/Pids"; requestType: typeof containerd.task.v2.PidsRequest; responseType: typeof containerd.task.v2.PidsResponse; requestStream: false; responseStream: false };
    Pause: { path: "/containerd.task.v2.Task/Pause"; requestType: typeof containerd.task.v2.PauseRequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
    Resume: { path: "/containerd.task.v2.Task/Resume"; requestType: typeof containerd.task.v2.ResumeRequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
    Checkpoint: { path: "/containerd.task.v2.Task/Checkpoint"; requestType: typeof containerd.task.v2.CheckpointTaskRequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
    Kill: { path: "/containerd.task.v2.Task/Kill"; requestType: typeof containerd.task.v2.KillRequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
    Exec: { path: "/containerd.task.v2.Task/Exec"; requestType: typeof containerd.task.v2.ExecProcessRequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
    ResizePty: { path: "/containerd.task.v2.Task/ResizePty"; requestType: typeof containerd.task.v2.ResizePtyRequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
    CloseIO: { path: "/containerd.task.v2.Task/CloseIO"; requestType: typeof containerd.task.v2.CloseIORequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
    Update: { path: "/containerd.task.v2.Task/Update"; requestType: typeof containerd.task.v2.UpdateTaskRequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
    Wait: { path: "/containerd.task.v2.Task/Wait"; requestType: typeof containerd.task.v2.WaitRequest; responseType: typeof containerd.task.v2.WaitResponse; requestStream: false; responseStream: false };
    Stats: { path: "/containerd.task.v2.Task/Stats"; requestType: typeof containerd.task.v2.StatsRequest; responseType: typeof containerd.task.v2.StatsResponse; requestStream: false; responseStream: false };
    Connect: { path: "/containerd.task.v2.Task/Connect"; requestType: typeof containerd.task.v2.ConnectRequest; responseType: typeof containerd.task.v2.ConnectResponse; requestStream: false; responseStream: false };
    Shutdown: { path: "/containerd.task.v2.Task/Shutdown"; requestType: typeof containerd.task.v2.ShutdownRequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
  };
  "containerd.services.events.ttrpc.v1.Events": {
    Forward: { path: "/containerd.services.events.ttrpc.v1.Events/Forward"; requestType: typeof containerd.services.events.ttrpc.v1.ForwardRequest; responseType: typeof google.protobuf.Empty; requestStream: false; responseStream: false };
  };
};
