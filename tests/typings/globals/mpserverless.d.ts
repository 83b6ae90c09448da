// The EMAS Serverless client as its documentation names it: an instance of
// the SDK's `MPServerless`, created by the app (`new MPServerless(my, {...})`).
// The assertion files of `mpserverless.*` APIs refer to this global.
declare const mpserverless: import("@alicloud/mpserverless-sdk").MPServerless;
