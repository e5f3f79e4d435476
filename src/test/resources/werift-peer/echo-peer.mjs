// The far end of PacketEngineWeriftIT: werift, a WebRTC stack written in TypeScript by nobody here.
// Over standard input and output, one JSON object a line: it answers the packet engine's offer (the
// caller's voice comes in on that connection), offers a second connection that sends, and echoes
// every RTP packet it receives on the first out on the second. It prints what it received.
import { createInterface } from "node:readline";
import { RTCPeerConnection, MediaStreamTrack, useOPUS } from "werift";

const config = { iceInterfaceAddresses: { udp4: "127.0.0.1" }, iceUseIpv6: false, codecs: { audio: [useOPUS()] } };
const send = (message) => process.stdout.write(JSON.stringify(message) + "\n");
const lines = createInterface({ input: process.stdin });
const waiting = [];
lines.on("line", (line) => { const next = waiting.shift(); if (next) next(JSON.parse(line)); });
const read = () => new Promise((resolve) => waiting.push(resolve));

async function gathered(pc) {
  if (pc.iceGatheringState !== "complete") {
    await new Promise((resolve) => pc.iceGatheringStateChange.subscribe((state) => state === "complete" && resolve()));
  }
  return pc.localDescription.sdp;
}

const echo = new MediaStreamTrack({ kind: "audio" });
let received = 0;
const listening = new RTCPeerConnection(config);
listening.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((rtp) => {
  received++;
  echo.writeRtp(rtp);
}));
const { offer } = await read();
await listening.setRemoteDescription({ type: "offer", sdp: offer });
await listening.setLocalDescription(await listening.createAnswer());
send({ answer: await gathered(listening) });

const speaking = new RTCPeerConnection(config);
speaking.addTransceiver(echo, { direction: "sendonly" });
await speaking.setLocalDescription(await speaking.createOffer());
send({ offer: await gathered(speaking) });
const { answer } = await read();
await speaking.setRemoteDescription({ type: "answer", sdp: answer });

await read(); // the test says when it is done
send({ received, listening: listening.connectionState, speaking: speaking.connectionState });
process.exit(0);
