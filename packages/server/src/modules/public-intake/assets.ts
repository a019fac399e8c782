/**
 * The public pages' stylesheet and optional script, served as static routes because the
 * CSP allows no inline styles or scripts. They live here as strings (not files) so the
 * bundled server (esbuild, dist/cli.js) carries them without a copy step.
 */

/** Phone-first styles: system fonts, one accent colour, 44 px targets, logical properties for RTL. */
export const REPORT_CSS = `*{box-sizing:border-box}
html{font:100%/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",sans-serif;color:#1a1a1a;background:#fff}
body{margin:0 auto;max-width:40rem;padding:0 1rem 3rem}
a{color:#0b4fa8}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #0b4fa8;outline-offset:2px}
.top{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between;padding:.5rem 0;border-block-end:1px solid #ddd}
.exit{display:inline-block;padding:.6rem 1rem;min-height:44px;background:#8a1c1c;color:#fff;font-weight:700;text-decoration:none;border-radius:.4rem}
.langs{display:flex;flex-wrap:wrap;gap:.25rem .75rem;margin:0;padding:0;list-style:none}
.langs a{display:inline-block;padding:.6rem .25rem;min-height:44px}
.langs a[aria-current]{font-weight:700;color:#1a1a1a;text-decoration:none}
h1{font-size:1.6rem;line-height:1.2;margin:1rem 0 .5rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
fieldset{border:0;margin:0 0 1.25rem;padding:0}
legend,label.f{display:block;font-weight:700;font-size:1.1rem;margin-block-end:.25rem}
.hint{display:block;color:#4a4a4a;font-size:.95rem;margin-block-end:.35rem}
.field{margin-block-end:1.25rem}
.opt{display:flex;align-items:center;gap:.6rem;min-height:44px;padding:.25rem .5rem;border:1px solid #ccc;border-radius:.4rem;margin-block-end:.35rem}
.opt input{width:1.4rem;height:1.4rem;margin:0;flex:none}
input[type=text],input[type=tel],input[type=datetime-local],input[type=file],textarea{display:block;width:100%;min-height:44px;padding:.6rem;font:inherit;border:1px solid #767676;border-radius:.4rem;background:#fff;color:inherit}
textarea{min-height:7rem}
button{font:inherit;cursor:pointer;min-height:44px;border-radius:.4rem}
.send{display:block;width:100%;padding:.9rem;font-size:1.2rem;font-weight:700;color:#fff;background:#0b4fa8;border:0;margin-top:1rem}
.loc{padding:.5rem 1rem;background:#fff;color:#0b4fa8;border:2px solid #0b4fa8;margin-top:.5rem}
.errors{border:3px solid #b3261e;border-radius:.4rem;padding:.75rem 1rem;margin:1rem 0}
.errors h2{margin-top:0;color:#b3261e}
.err{display:block;color:#b3261e;font-weight:700;margin-block-end:.25rem}
.check{border:2px solid #8a5a00;border-radius:.4rem;padding:.75rem 1rem}
.code{font-size:2.25rem;font-weight:800;letter-spacing:.06em;white-space:nowrap;margin:.25rem 0 1rem;direction:ltr;unicode-bidi:isolate}
.kept{border:3px solid #8a5a00;border-radius:.4rem;padding:.75rem 1rem;margin-top:1rem;font-weight:700}
.receipt{border:3px solid #1e6b2f;border-radius:.4rem;padding:1rem;margin:1rem 0}
.ltr{direction:ltr}
.alerts{padding-inline-start:1.25rem}
.alerts li{margin-block-end:.75rem}
select{display:block;width:100%;min-height:44px;padding:.6rem;font:inherit;border:1px solid #767676;border-radius:.4rem;background:#fff;color:inherit}
[hidden]{display:none!important}
`;

/**
 * Optional enhancement: "use my location", solving the flood challenge, and keeping a report
 * made with no connection. The page works without it; with it, nothing is sent anywhere but
 * this form, and nothing is written to the browser's storage: a report typed offline stays in
 * the form (memory) and is sent when the network returns, with the form's own idempotency
 * key, so a first try that did get through is filed once.
 */
export const REPORT_JS = `(function(){
var exit=document.querySelector('a.exit');
if(exit)exit.addEventListener('click',function(e){e.preventDefault();location.replace(exit.href);});
var form=document.querySelector('form.report');if(!form)return;
var loc=document.getElementById('loc');
if(loc&&navigator.geolocation){loc.hidden=false;var b=loc.querySelector('button'),st=document.getElementById('loc-status');
b.addEventListener('click',function(){navigator.geolocation.getCurrentPosition(function(p){
form.elements.lat.value=p.coords.latitude.toFixed(5);form.elements.lng.value=p.coords.longitude.toFixed(5);st.textContent=st.getAttribute('data-ok');
},function(){st.textContent=st.getAttribute('data-fail');},{enableHighAccuracy:true,timeout:15000});});}
var pow=form.elements.altcha,c=pow&&pow.getAttribute('data-challenge');
if(c&&window.crypto&&crypto.subtle&&window.TextEncoder){c=JSON.parse(c);var s=document.getElementById('check-status'),q=document.getElementById('check-q'),enc=new TextEncoder();
s.textContent=s.getAttribute('data-working');
function hex(buf){return Array.prototype.map.call(new Uint8Array(buf),function(x){return('0'+x.toString(16)).slice(-2);}).join('');}
(async function(){for(var n=0;n<=c.maxnumber;n++){if(hex(await crypto.subtle.digest('SHA-256',enc.encode(c.salt+n)))===c.challenge){
pow.value=btoa(JSON.stringify({algorithm:c.algorithm,challenge:c.challenge,number:n,salt:c.salt,signature:c.signature}));
s.textContent=s.getAttribute('data-done');if(q){q.hidden=true;var a=q.querySelector('input');if(a)a.required=false;}return;}}})();}
var kept=document.getElementById('kept');
if(kept&&window.fetch&&window.FormData){var km=document.getElementById('kept-msg'),wanted=false,busy=false;
function keep(){busy=false;kept.hidden=false;km.textContent=km.getAttribute('data-msg');}
function send(){if(!wanted||busy)return;busy=true;if(navigator.onLine===false)return keep();
fetch(form.action,{method:'POST',body:new FormData(form),credentials:'same-origin'}).then(function(r){return r.text();}).then(function(h){wanted=false;document.open();document.write(h);document.close();},keep);}
form.addEventListener('submit',function(e){e.preventDefault();wanted=true;send();});
kept.querySelector('button').addEventListener('click',send);window.addEventListener('online',send);}
})();
`;
