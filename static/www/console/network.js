// The venue network guide: how door phones reach this computer, in Spanish
// and English. Open to anyone: it holds no data, and an organizer reads it
// before signing in as often as after.
import { add, apply, start, onLang, $ } from './console.js';
import { api } from '/shared/api.js';

add({
  'net.title': 'La red del lugar',
  'net.intro': 'Los teléfonos de las puertas hablan con esta computadora por la red local: no hace falta internet, pero sí que los teléfonos lleguen a esta computadora.',
  'net.phones_open': 'Los teléfonos abren:',
  'net.why': 'Por qué el Wi-Fi del lugar suele fallar',
  'net.why_1': 'El Wi-Fi de iglesias, escuelas y hoteles suele aislar a cada aparato de los demás («aislamiento de clientes», redes de invitados): el teléfono se conecta al Wi-Fi, pero no llega a esta computadora.',
  'net.why_2': 'Pruébelo antes del día: con esta computadora y un teléfono en el mismo Wi-Fi, abra en el teléfono la dirección de arriba. Si no carga, use el punto de acceso de la computadora o un router de viaje.',
  'net.hotspot': 'Opción 1: el punto de acceso de esta computadora',
  'net.win_1': 'Configuración → Red e Internet → Zona con cobertura inalámbrica móvil (Mobile hotspot).',
  'net.win_2': 'Compartir por Wi-Fi; toque «Editar» para ver o cambiar el nombre y la contraseña de la red.',
  'net.win_3': 'Actívelo y conecte los teléfonos a esa red. Presente los recibe en 192.168.137.1.',
  'net.win_4': 'Windows admite hasta 8 teléfonos. Si no deja activarlo sin internet, use un router de viaje.',
  'net.mac_1': 'Ajustes del Sistema → General → Compartir → Compartir Internet.',
  'net.mac_2': 'Comparta la conexión por cable (Ethernet, USB o Thunderbolt) con «Wi-Fi»; en «Opciones de Wi-Fi» ponga nombre y contraseña.',
  'net.mac_3': 'Un Mac no comparte un Wi-Fi por otro Wi-Fi: sin cable, use un router de viaje.',
  'net.linux_1': 'Configuración → Wi-Fi → menú ⋮ → Activar punto de acceso Wi-Fi.',
  'net.router': 'Opción 2: un router de viaje',
  'net.router_1': 'Un router de viaje pequeño crea su propio Wi-Fi, sin internet, para esta computadora y todos los teléfonos. Es lo más seguro para más de 8 puertas.',
  'net.router_2': 'Conecte esta computadora al router, mejor con cable, y los teléfonos a su Wi-Fi.',
  'net.router_3': 'No active el modo de invitados ni el «aislamiento de AP» del router.',
  'net.router_4': 'Reserve en el router una dirección fija para esta computadora: la dirección de los teléfonos no cambiará de un evento a otro.',
  'net.firewall': 'El aviso del firewall de Windows',
  'net.fw_1': 'La primera vez que Presente arranca, Windows pregunta si permite que presente.exe se comunique en las redes («Firewall de Windows Defender bloqueó algunas características de esta aplicación»).',
  'net.fw_2': 'Marque «Redes privadas» y pulse «Permitir acceso». Sin eso, los teléfonos no llegan.',
  'net.fw_3': 'Si la red del lugar está marcada como pública, márquela como privada: Configuración → Red e Internet → Wi-Fi → la red → Tipo de perfil de red: Privada.',
  'net.fw_4': 'Si pulsó «Cancelar» por error: Panel de control → Firewall de Windows Defender → Permitir una aplicación a través del firewall → Cambiar la configuración → marque presente en «Privada».',
  'net.fw_mac': 'En macOS, si pregunta si presente puede aceptar conexiones entrantes, pulse «Permitir».',
  'net.check': 'Comprobar',
  'net.check_1': 'En esta computadora, en una terminal: presente doctor. Dice las direcciones que sirven, si HTTPS escucha en la red, y cada problema con su arreglo.',
  'net.check_2': 'En un teléfono, abra la dirección de arriba y acepte el certificado una vez: la página dice «Conexión segura».',
  'net.check_3': 'Apague la VPN de esta computadora, déjela enchufada y sin suspensión. Si cambia de red, reinicie Presente: hace un certificado nuevo para la nueva dirección.',
}, {
  'net.title': 'The venue network',
  'net.intro': 'Door phones talk to this computer over the local network: no internet is needed, but the phones must reach this computer.',
  'net.phones_open': 'Phones open:',
  'net.why': 'Why venue Wi-Fi often fails',
  'net.why_1': 'Church, school and hotel Wi-Fi often keeps each device apart from the others ("client isolation", guest networks): the phone joins the Wi-Fi but cannot reach this computer.',
  'net.why_2': 'Try it before the day: with this computer and a phone on the same Wi-Fi, open the address above on the phone. If it does not load, use this computer\'s hotspot or a travel router.',
  'net.hotspot': 'Option 1: this computer\'s hotspot',
  'net.win_1': 'Settings → Network & internet → Mobile hotspot.',
  'net.win_2': 'Share over Wi-Fi; click "Edit" to see or change the network name and password.',
  'net.win_3': 'Turn it on and join the phones to that network. Presente meets them at 192.168.137.1.',
  'net.win_4': 'Windows takes up to 8 phones. If it will not turn on without internet, use a travel router.',
  'net.mac_1': 'System Settings → General → Sharing → Internet Sharing.',
  'net.mac_2': 'Share the wired connection (Ethernet, USB or Thunderbolt) to "Wi-Fi"; set the name and password under "Wi-Fi Options".',
  'net.mac_3': 'A Mac does not share one Wi-Fi over another: without a cable, use a travel router.',
  'net.linux_1': 'Settings → Wi-Fi → ⋮ menu → Turn On Wi-Fi Hotspot.',
  'net.router': 'Option 2: a travel router',
  'net.router_1': 'A small travel router makes its own Wi-Fi, with no internet, for this computer and every phone. It is the safest choice for more than 8 doors.',
  'net.router_2': 'Connect this computer to the router, by cable if you can, and the phones to its Wi-Fi.',
  'net.router_3': 'Do not turn on the router\'s guest mode or "AP isolation".',
  'net.router_4': 'Reserve a fixed address for this computer in the router: the phones\' address then stays the same from one event to the next.',
  'net.firewall': 'The Windows firewall prompt',
  'net.fw_1': 'The first time Presente starts, Windows asks whether to allow presente.exe to communicate on networks ("Windows Defender Firewall has blocked some features of this app").',
  'net.fw_2': 'Tick "Private networks" and click "Allow access". Without it, phones cannot reach Presente.',
  'net.fw_3': 'If the venue network is marked public, make it private: Settings → Network & internet → Wi-Fi → the network → Network profile type: Private.',
  'net.fw_4': 'If you clicked "Cancel" by mistake: Control Panel → Windows Defender Firewall → Allow an app through Windows Firewall → Change settings → tick presente under "Private".',
  'net.fw_mac': 'On macOS, if it asks whether presente may accept incoming connections, click "Allow".',
  'net.check': 'Check',
  'net.check_1': 'On this computer, in a terminal: presente doctor. It lists the addresses that work, whether HTTPS listens on the network, and each problem with its fix.',
  'net.check_2': 'On a phone, open the address above and accept the certificate once: the page says "Secure connection".',
  'net.check_3': 'Turn off this computer\'s VPN, keep it plugged in and awake. If it moves to another network, restart Presente: it makes a new certificate for the new address.',
});

async function main() {
  await start({ open: true });
  apply();
  try {
    const info = await api('GET', '/https/info');
    if (info.https) {
      $('phones-url').textContent = info.url;
      $('phones').classList.remove('hidden');
    }
  } catch { /* the guide reads as well without the address */ }
  onLang(apply);
}

main();
