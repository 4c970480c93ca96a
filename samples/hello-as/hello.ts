// The seed's hello in AssemblyScript: WASI through @assemblyscript/wasi-shim.

const env = process.env;
const greeting = env.has("GREETING") ? env.get("GREETING") : "Hello";
process.stdout.write(greeting + " from AssemblyScript!\n");
const argv = process.argv;
for (let i = 1; i < argv.length; i++) process.stdout.write("arg[" + i.toString() + "]=" + argv[i] + "\n");
